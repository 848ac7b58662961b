"""The sending budget in simulated time: limits, replies before the outbox, RetryAfter pauses."""

from __future__ import annotations

import asyncio
from itertools import pairwise
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.budget import OUTBOX, OUTBOX_TAKEN, BudgetRateLimiter, LocalBudget, Priority
from tests.simtime import SimTime

ANNA = 4242


def budget_for(sim: SimTime, **limits: Any) -> LocalBudget:
    """A budget at Telegram's limits, exactly (no margin), on simulated time."""
    settings: dict[str, Any] = {"overall_per_second": 30.0, "per_chat_per_second": 1.0}
    settings.update(limits)
    return LocalBudget(margin=1.0, clock=sim.monotonic, sleep=sim.sleep, **settings)


def most_in_one_second(moments: list[float]) -> int:
    """The most grants within any one second."""
    ordered = sorted(moments)
    return max(sum(1 for m in ordered if first <= m < first + 1.0 - 1e-9) for first in ordered)


async def drain(
    sim: SimTime, budget: LocalBudget, count: int, moments: list[float], workers: int = 1
) -> None:
    """The outbox: `count` messages to different chats, `workers` of them waiting at once."""
    chats = iter(range(100_000, 100_000 + count))

    async def worker() -> None:
        for chat in chats:
            await budget.take(chat, Priority.OUTBOX)
            moments.append(sim.monotonic())

    await asyncio.gather(*(worker() for _ in range(workers)))


async def test_slots_are_evenly_spaced_at_the_overall_limit() -> None:
    sim = SimTime()
    budget = budget_for(sim)
    moments: list[float] = []
    started = sim.now
    await sim.run(drain(sim, budget, 90, moments, workers=8))
    assert len(moments) == 90
    assert moments[-1] - started == pytest.approx(89 / 30)
    assert most_in_one_second(moments) <= 30
    assert all(b - a == pytest.approx(1 / 30) for a, b in pairwise(sorted(moments)))


@pytest.mark.parametrize("late", [0.003, 0.02])
async def test_slots_handed_out_late_neither_slow_the_drain_nor_burst(late: float) -> None:
    sim = SimTime()

    async def busy_sleep(seconds: float) -> None:
        await sim.sleep(seconds + late)  # the event loop had other work when the timer fired

    budget = LocalBudget(30.0, 1.0, margin=1.0, clock=sim.monotonic, sleep=busy_sleep)
    moments: list[float] = []
    started = sim.now
    await sim.run(drain(sim, budget, 300, moments, workers=4))
    gaps = [b - a for a, b in pairwise(sorted(moments))]
    assert most_in_one_second(moments) <= 30
    if late < 0.005:  # timer overhead is made up: the drain keeps its pace
        assert moments[-1] - started == pytest.approx(299 / 30, rel=0.01)
        assert min(gaps) >= 1 / 30 - 0.005
    else:  # a longer delay is not made up with a burst
        assert min(gaps) >= 1 / 30 - 1e-9


@pytest.mark.parametrize("workers", [1, 16])
async def test_a_reply_asked_during_a_drain_goes_at_the_next_slot(workers: int) -> None:
    sim = SimTime()
    budget = budget_for(sim)
    drained: list[float] = []
    replied: list[float] = []

    async def resident() -> None:
        await sim.sleep(2.0)  # two seconds into the drain, with outbox messages waiting
        asked = sim.monotonic()
        await budget.take(ANNA, Priority.REPLY)
        replied.append(sim.monotonic() - asked)

    async def both() -> None:
        await asyncio.gather(drain(sim, budget, 300, drained, workers), resident())

    started = sim.now
    await sim.run(both())
    assert replied and replied[0] <= 1 / 30 + 1e-9  # one slot at most, not behind the queue
    # The drain took what the reply left: 301 slots in all, and never more than 30 a second.
    assert max(drained) - started == pytest.approx(300 / 30)
    assert most_in_one_second([*drained, 2.0 + started + replied[0]]) <= 30


async def test_replies_take_every_slot_they_need_and_the_drain_the_rest() -> None:
    sim = SimTime()
    budget = budget_for(sim, per_chat_per_second=0.0)
    drained: list[float] = []
    waits: list[float] = []

    async def resident(index: int) -> None:
        await sim.sleep(0.05 * (index + 1))  # 20 replies a second for three seconds
        asked = sim.monotonic()
        await budget.take(index, Priority.REPLY)
        waits.append(sim.monotonic() - asked)

    async def both() -> None:
        residents = (resident(index) for index in range(60))
        await asyncio.gather(drain(sim, budget, 150, drained, workers=16), *residents)

    started = sim.now
    await sim.run(both())
    assert max(waits) <= 1 / 30 + 1e-9
    assert max(drained) - started == pytest.approx((150 + 60 - 1) / 30, abs=0.05)
    # While the residents asked, the drain got the rest: about 10 a second of the 30.
    during = [m for m in drained if started + 0.5 <= m < started + 2.5]
    assert 15 <= len(during) <= 25


async def test_a_chat_gets_one_message_a_second_after_a_short_burst() -> None:
    sim = SimTime()
    budget = budget_for(sim, chat_burst=3)
    moments: list[float] = []

    async def scenario() -> None:
        for priority in (Priority.REPLY, Priority.REPLY, Priority.OUTBOX, Priority.REPLY):
            await budget.take(ANNA, priority)
            moments.append(sim.monotonic())
        await budget.take(ANNA, Priority.OUTBOX)
        moments.append(sim.monotonic())

    started = sim.now
    await sim.run(scenario())
    times = [at - started for at in moments]
    # Three at once (a burst of three, whoever sends), then one a second.
    assert times[:3] == pytest.approx([0.0, 1 / 30, 2 / 30])
    assert times[3:] == pytest.approx([1.0, 2.0])


async def test_a_chat_waiting_for_its_spacing_does_not_hold_back_other_chats() -> None:
    sim = SimTime()
    budget = budget_for(sim)
    moments: dict[int, list[float]] = {}

    async def send(chat: int) -> None:
        await budget.take(chat, Priority.OUTBOX)
        moments.setdefault(chat, []).append(sim.monotonic())

    async def scenario() -> None:
        await send(ANNA)
        await asyncio.gather(send(ANNA), *(send(chat) for chat in range(1, 11)))

    started = sim.now
    await sim.run(scenario())
    assert moments[ANNA][1] - started == pytest.approx(1.0)
    assert max(moments[chat][0] for chat in range(1, 11)) - started < 0.5


async def test_retry_after_pauses_everything_and_a_reply_goes_first_after_it() -> None:
    sim = SimTime()
    budget = budget_for(sim)
    order: list[tuple[str, float]] = []

    async def outbox() -> None:
        for chat in range(10, 20):
            await budget.take(chat, Priority.OUTBOX)
            order.append(("outbox", sim.monotonic()))

    async def scenario() -> None:
        await budget.take(1, Priority.OUTBOX)
        budget.pause(5.0)  # Telegram answered 429 retry_after 5
        await sim.sleep(1.0)
        resident = asyncio.ensure_future(budget.take(ANNA, Priority.REPLY))
        resident.add_done_callback(lambda _: order.append(("reply", sim.monotonic())))
        await asyncio.gather(outbox(), resident)

    started = sim.now
    await sim.run(scenario())
    assert order[0] == ("reply", pytest.approx(started + 5.0))
    assert all(at >= started + 5.0 for _, at in order)


async def test_a_cancelled_take_leaves_its_slot_to_the_next() -> None:
    sim = SimTime()
    budget = budget_for(sim)
    moments: list[float] = []

    async def scenario() -> None:
        await budget.take(1, Priority.OUTBOX)
        gone = asyncio.ensure_future(budget.take(2, Priority.REPLY))
        await asyncio.sleep(0)
        gone.cancel()
        await budget.take(3, Priority.OUTBOX)
        moments.append(sim.monotonic())

    started = sim.now
    await sim.run(scenario())
    assert moments == [pytest.approx(started + 1 / 30)]
    assert budget.waiting == 0


async def test_without_limits_nothing_waits() -> None:
    sim = SimTime()
    budget = budget_for(sim, overall_per_second=0.0, per_chat_per_second=0.0)

    async def scenario() -> None:
        for _ in range(1000):
            await budget.take(ANNA, Priority.REPLY)

    started = sim.now
    await sim.run(scenario())
    assert sim.now == started


# -- the python-telegram-bot limiter -------------------------------------------------------------


class Telegram:
    """A Bot API call that answers 429 the first `refusals` times."""

    def __init__(self, sim: SimTime, refusals: int) -> None:
        self.sim = sim
        self.refusals = refusals
        self.calls: list[float] = []

    async def __call__(self) -> bool:
        self.calls.append(self.sim.monotonic())
        if self.refusals:
            self.refusals -= 1
            raise RetryAfter(3)
        return True


async def test_a_reply_refused_with_retry_after_is_sent_again_after_the_pause() -> None:
    sim = SimTime()
    budget = budget_for(sim)
    limiter = BudgetRateLimiter(budget, max_retries=2)
    telegram = Telegram(sim, refusals=1)
    started = sim.now
    data = {"chat_id": ANNA, "text": "…"}
    result = await sim.run(limiter.process_request(telegram, (), {}, "sendMessage", data, None))
    assert result is True
    assert telegram.calls == [started, pytest.approx(started + 3.0)]


async def test_an_outbox_send_refused_goes_back_to_the_dispatcher_and_the_budget_pauses() -> None:
    sim = SimTime()
    budget = budget_for(sim)
    limiter = BudgetRateLimiter(budget, max_retries=2)
    telegram = Telegram(sim, refusals=1)
    data = {"chat_id": ANNA, "text": "…"}
    with pytest.raises(RetryAfter):
        await sim.run(limiter.process_request(telegram, (), {}, "sendMessage", data, OUTBOX))
    assert budget.next_slot() == pytest.approx(sim.now + 3.0)


async def test_a_slot_the_dispatcher_took_is_not_taken_twice_and_button_answers_are_free() -> None:
    sim = SimTime()
    budget = budget_for(sim)
    limiter = BudgetRateLimiter(budget)
    telegram = Telegram(sim, refusals=0)

    async def scenario() -> None:
        await budget.take(ANNA, Priority.OUTBOX)
        await limiter.process_request(
            telegram, (), {}, "sendMessage", {"chat_id": 1}, OUTBOX_TAKEN
        )
        for _ in range(5):
            await limiter.process_request(telegram, (), {}, "answerCallbackQuery", {}, None)

    started = sim.now
    await sim.run(scenario())
    assert telegram.calls == [started] * 6
    assert budget.granted[Priority.OUTBOX] == 1
