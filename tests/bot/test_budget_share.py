"""Several processes sending for one bot: each keeps its budget at an equal share of the limit."""

from __future__ import annotations

import pytest

from tests.bot.test_budget import budget_for, drain, most_in_one_second
from tests.simtime import SimTime


async def test_two_processes_each_take_half_and_together_never_exceed_the_limit() -> None:
    sim = SimTime()
    first, second = budget_for(sim), budget_for(sim)
    first.share(2)
    second.share(2)
    moments: list[float] = []
    started = sim.now

    async def together() -> None:
        import asyncio

        await asyncio.gather(
            drain(sim, first, 60, moments, workers=4), drain(sim, second, 60, moments, workers=4)
        )

    await sim.run(together())
    assert len(moments) == 120
    assert most_in_one_second(moments) <= 30
    assert max(moments) - started == pytest.approx(59 / 15)  # each at 15 a second


async def test_alone_again_a_process_sends_at_the_whole_limit() -> None:
    sim = SimTime()
    budget = budget_for(sim)
    budget.share(3)
    budget.share(1)
    moments: list[float] = []
    started = sim.now
    await sim.run(drain(sim, budget, 31, moments, workers=4))
    assert max(moments) - started == pytest.approx(30 / 30)
