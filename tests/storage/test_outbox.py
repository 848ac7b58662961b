"""The outbox as the dispatcher uses it: claiming, outcomes, retries, restarts, blocked chats."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from storage import outbox
from storage.db import Database, Store
from storage.records import OutboxStatus, ensure_resident, get_resident


@pytest.fixture
def store(any_store: Database) -> Database:
    """Every test of this module runs on each backend (see tests/storage/conftest.py)."""
    return any_store


BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 11, 23, 17, 0, tzinfo=BRUSSELS)
RESIDENT = 4242


async def queue(store: Store, key: str, due: datetime, chat_id: int = RESIDENT) -> int:
    message_id = await outbox.enqueue(
        store,
        chat_id=chat_id,
        kind="reminder_day_before",
        payload={"text": key},
        language="nl",
        due_at=due,
        now=NOW - timedelta(days=1),
        ref=f"signup:{key}",
        dedupe_key=key,
    )
    assert message_id is not None
    return message_id


async def test_only_due_messages_are_claimed_once_and_in_due_order(store: Store) -> None:
    later = await queue(store, "later", NOW + timedelta(minutes=5))
    second = await queue(store, "second", NOW - timedelta(minutes=1))
    first = await queue(store, "first", NOW - timedelta(minutes=2))
    claimed = await outbox.claim_due(store, NOW)
    assert [m.id for m in claimed] == [first, second]
    assert all(m.status is OutboxStatus.SENDING and m.attempts == 1 for m in claimed)
    assert await outbox.claim_due(store, NOW) == []  # a claimed row is never claimed again
    assert await outbox.next_due_at(store) == (NOW + timedelta(minutes=5)).astimezone()
    assert (await outbox.get_message(store, later)).status is OutboxStatus.PENDING  # type: ignore[union-attr]


async def test_sent_message_records_when_and_is_not_due_again(store: Store) -> None:
    message_id = await queue(store, "a", NOW)
    await outbox.claim_due(store, NOW)
    await outbox.mark_sent(store, message_id, NOW)
    message = await outbox.get_message(store, message_id)
    assert message is not None and message.status is OutboxStatus.SENT
    assert message.sent_at == NOW
    assert await outbox.next_due_at(store) is None


async def test_failed_try_comes_back_later_and_retry_after_does_not_count(store: Store) -> None:
    message_id = await queue(store, "a", NOW)
    await outbox.claim_due(store, NOW)
    await outbox.retry_later(store, message_id, NOW + timedelta(seconds=30), "TimedOut")
    message = await outbox.get_message(store, message_id)
    assert message is not None and message.status is OutboxStatus.PENDING
    assert message.attempts == 1 and message.last_error == "TimedOut"
    assert await outbox.claim_due(store, NOW) == []
    [again] = await outbox.claim_due(store, NOW + timedelta(seconds=30))
    assert again.attempts == 2
    await outbox.retry_later(store, message_id, NOW, "retry_after", count_attempt=False)
    assert (await outbox.get_message(store, message_id)).attempts == 1  # type: ignore[union-attr]


async def test_rows_in_flight_at_a_crash_are_queued_again_at_restart(store: Store) -> None:
    sent = await queue(store, "sent", NOW)
    in_flight = await queue(store, "in-flight", NOW)
    await outbox.claim_due(store, NOW)
    await outbox.mark_sent(store, sent, NOW)
    # The process dies here; at the next start:
    assert await outbox.recover_in_flight(store) == 1
    [again] = await outbox.claim_due(store, NOW)
    assert again.id == in_flight


async def test_blocked_resident_is_marked_once_and_their_queue_stops(store: Store) -> None:
    await ensure_resident(store, RESIDENT, now=NOW)
    await queue(store, "a", NOW + timedelta(hours=1))
    await queue(store, "b", NOW + timedelta(days=1))
    other = await queue(store, "other", NOW + timedelta(hours=1), chat_id=5555)
    assert await outbox.mark_unreachable(store, RESIDENT, NOW) == (True, 2)
    assert await outbox.mark_unreachable(store, RESIDENT, NOW) == (False, 0)
    assert await outbox.is_unreachable(store, RESIDENT)
    assert await outbox.unreachable_residents(store) == [(RESIDENT, NOW.astimezone())]
    assert [m.id for m in await outbox.messages_by_status(store, "pending")] == [other]
    assert await outbox.mark_reachable(store, RESIDENT)  # they wrote to the bot again
    resident = await get_resident(store, RESIDENT)
    assert resident is not None and resident.unreachable_since is None


async def test_cancelled_reminder_can_be_queued_again_when_wanted_again(store: Store) -> None:
    message_id = await queue(store, "a", NOW)
    await outbox.cancel_pending(store, ref="signup:a")

    async def again(revive_cancelled: bool = False) -> int | None:
        """The same reminder queued again, in French now."""
        return await outbox.enqueue(
            store,
            chat_id=RESIDENT,
            kind="reminder_day_before",
            payload={"text": "new"},
            language="fr",
            due_at=NOW,
            now=NOW,
            dedupe_key="a",
            revive_cancelled=revive_cancelled,
        )

    assert await again() is None  # plain enqueue: a no-op
    assert await again(revive_cancelled=True) == message_id
    message = await outbox.get_message(store, message_id)
    assert message is not None and message.status is OutboxStatus.PENDING
    assert message.payload == {"text": "new"} and message.language == "fr"
    assert await again(revive_cancelled=True) is None  # not twice
