"""The outbox: every message the bot sends on its own initiative, queued in the store first.

Whoever decides a message must go out (a promotion from the waiting list, a reminder, a notice to
staff) enqueues it here in the same transaction as the change that caused it; the dispatcher
sends what is due. A `dedupe_key` makes queueing the same message twice a no-op.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from storage.db import Database, utc_now_iso
from storage.records import OutboxMessage


async def enqueue(
    store: Database,
    *,
    chat_id: int,
    kind: str,
    payload: dict[str, Any],
    language: str,
    due_at: datetime,
    now: datetime,
    org_id: str | None = None,
    ref: str | None = None,
    dedupe_key: str | None = None,
    revive_cancelled: bool = False,
    revive_reason: str | None = None,
) -> int | None:
    """Queue a message; returns its id, or None when the same `dedupe_key` is already queued.

    `revive_cancelled`: a row with the same key that was cancelled (a reminder withdrawn when
    the resident chose fewer reminders, then wanted it back) is queued again with this content.
    `revive_reason`: only a row cancelled with this reason is queued again (to this chat).
    """
    extra: tuple[str, ...] = ()
    if revive_cancelled or revive_reason is not None:
        on_conflict = (
            " ON CONFLICT (dedupe_key) DO UPDATE SET status = 'pending',"
            " chat_id = excluded.chat_id, payload = excluded.payload,"
            " language = excluded.language, due_at = excluded.due_at, attempts = 0,"
            " last_error = NULL WHERE outbox.status = 'cancelled'"
        )
        if revive_reason is not None:
            on_conflict += " AND outbox.last_error = ?"
            extra = (revive_reason,)
    else:
        on_conflict = " ON CONFLICT (dedupe_key) DO NOTHING"
    queued: int | None = await store.fetch_value(
        "INSERT INTO outbox (org_id, chat_id, kind, ref, payload, language, due_at, created_at,"
        " dedupe_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" + on_conflict + " RETURNING id",
        (
            org_id,
            chat_id,
            kind,
            ref,
            json.dumps(payload, ensure_ascii=False),
            language,
            utc_now_iso(due_at),
            utc_now_iso(now),
            dedupe_key,
            *extra,
        ),
    )
    if queued is not None:
        store.changes.message_queued(due_at)  # the dispatcher wakes for it
    return queued


async def cancel_pending(store: Database, *, ref: str, kinds: tuple[str, ...] = ()) -> int:
    """Withdraw messages about `ref` that have not gone out yet; returns how many."""
    sql = "UPDATE outbox SET status = 'cancelled' WHERE ref = ? AND status = 'pending'"
    params: list[Any] = [ref]
    if kinds:
        sql += f" AND kind IN ({', '.join('?' for _ in kinds)})"
        params.extend(kinds)
    return await store.execute_count(sql, params)


async def pending_for(store: Database, chat_id: int) -> list[OutboxMessage]:
    """The messages still to be sent to one chat, soonest first."""
    rows = await store.fetch_all(
        "SELECT * FROM outbox WHERE chat_id = ? AND status = 'pending' ORDER BY due_at, id",
        (chat_id,),
    )
    return [OutboxMessage.from_row(row) for row in rows]


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    """Slices small enough for SQLite's limit on parameters."""
    return [items[first : first + size] for first in range(0, len(items), size)]


def _in(values: tuple[str, ...] | list[str]) -> str:
    """The placeholders of an IN list: only "?" are built, never values."""
    return ", ".join("?" for _ in values)


async def statuses(store: Database, *, refs: list[str], kinds: tuple[str, ...]) -> dict[str, str]:
    """Dedupe key → status of the messages of these kinds about these refs, whatever the status."""
    found: dict[str, str] = {}
    for chunk in _chunks(refs):
        rows = await store.fetch_all(
            f"SELECT dedupe_key, status FROM outbox WHERE kind IN ({_in(kinds)})"
            f" AND ref IN ({_in(chunk)}) AND dedupe_key IS NOT NULL",
            (*kinds, *chunk),
        )
        found.update({row[0]: row[1] for row in rows})
    return found


async def pending_about(
    store: Database, *, refs: list[str], kinds: tuple[str, ...]
) -> list[OutboxMessage]:
    """Messages of these kinds about these refs not sent yet, in id order."""
    found: list[OutboxMessage] = []
    for chunk in _chunks(refs):
        rows = await store.fetch_all(
            f"SELECT * FROM outbox WHERE status = 'pending' AND kind IN ({_in(kinds)})"
            f" AND ref IN ({_in(chunk)}) ORDER BY id",
            (*kinds, *chunk),
        )
        found += [OutboxMessage.from_row(row) for row in rows]
    return sorted(found, key=lambda message: message.id)


async def delete_to(store: Database, chat_id: int) -> int:
    """Delete every message to one chat, sent or not; how many."""
    return await store.execute_count("DELETE FROM outbox WHERE chat_id = ?", (chat_id,))


async def cancel_pending_to(
    store: Database,
    chat_id: int,
    *,
    kinds: tuple[str, ...],
    org_id: str | None = None,
    reason: str | None = None,
) -> int:
    """Withdraw messages of these kinds to one chat (of one organisation, or any) not sent yet,
    noting `reason`; how many."""
    sql = (
        f"UPDATE outbox SET status = 'cancelled', last_error = coalesce(?, last_error)"
        f" WHERE chat_id = ? AND kind IN ({_in(kinds)}) AND status = 'pending'"
    )
    params: list[Any] = [reason, chat_id, *kinds]
    if org_id is not None:
        sql += " AND org_id = ?"
        params.append(org_id)
    return await store.execute_count(sql, params)


async def readdress_pending(
    store: Database, from_chat: int, to_chat: int, *, kinds: tuple[str, ...], org_id: str
) -> int:
    """Send the messages of these kinds of one organisation still waiting for one chat to
    another chat instead (the same rows: none lost, none doubled); how many."""
    return await store.execute_count(
        f"UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND org_id = ?"
        f" AND kind IN ({_in(kinds)}) AND status = 'pending'",
        (to_chat, from_chat, org_id, *kinds),
    )


async def readdress(
    store: Database, message_id: int, *, chat_id: int, payload: dict[str, Any], language: str
) -> bool:
    """Give one pending message a new chat and content; False when it was not pending."""
    changed = await store.execute_count(
        "UPDATE outbox SET chat_id = ?, payload = ?, language = ?"
        " WHERE id = ? AND status = 'pending'",
        (chat_id, json.dumps(payload, ensure_ascii=False), language, message_id),
    )
    return changed > 0


async def withdraw(store: Database, message_id: int, reason: str) -> bool:
    """Cancel one message that is still pending; False when it was not pending any more."""
    changed = await store.execute_count(
        "UPDATE outbox SET status = 'cancelled', last_error = ?"
        " WHERE id = ? AND status = 'pending'",
        (reason, message_id),
    )
    return changed > 0


# --- the dispatcher's side --------------------------------------------------------------------
#
# A row goes pending → sending (claimed, in one transaction) → sent / failed / missed /
# cancelled. Only 'sending' rows are ambiguous after a crash: the Bot API may or may not have
# delivered them. `recover_in_flight` puts them back to pending, so a crash can repeat at most
# the messages that were in flight at that moment and never loses one (at-least-once for those,
# exactly-once for everything else).

STARTS_AT = "starts_at"
"""Payload key: when what the message is about begins (UTC ISO); after that it is missed."""
READ_BY = "read_by"
"""Payload key: until when the text is true as worded (UTC ISO): "tomorrow" is read the day before
only. A row still unsent then, after downtime, is missed rather than sent wrong."""


async def claim_due(store: Database, now: datetime, limit: int = 100) -> list[OutboxMessage]:
    """Mark up to `limit` due pending rows 'sending' and count the attempt, soonest first."""
    async with store.transaction(immediate=True):
        rows = await store.fetch_all(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1"
            " WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND due_at <= ?"
            " ORDER BY due_at, id LIMIT ?) RETURNING *",
            (utc_now_iso(now), limit),
        )
    # RETURNING gives no order guarantee.
    return sorted((OutboxMessage.from_row(row) for row in rows), key=lambda m: (m.due_at, m.id))


async def mark_sent(store: Database, message_id: int, now: datetime) -> None:
    """Record that the Bot API accepted the message."""
    await store.execute(
        "UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?",
        (utc_now_iso(now), message_id),
    )


async def mark_failed(store: Database, message_id: int, error: str) -> None:
    """Give up on a message (refused, or too many failed attempts)."""
    await store.execute(
        "UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ?", (error, message_id)
    )


async def mark_missed(store: Database, message_id: int, reason: str = "too late") -> None:
    """Drop a message that would come too late (the activity has begun)."""
    await store.execute(
        "UPDATE outbox SET status = 'missed', last_error = ? WHERE id = ? AND status <> 'sent'",
        (reason, message_id),
    )


async def retry_later(
    store: Database, message_id: int, due_at: datetime, error: str, *, count_attempt: bool = True
) -> None:
    """Put a claimed message back in the queue for `due_at`; a RetryAfter is not a failure."""
    await store.execute(
        "UPDATE outbox SET status = 'pending', due_at = ?, last_error = ?,"
        # CASE rather than SQLite's two-argument max(): the same SQL runs on PostgreSQL.
        " attempts = CASE WHEN ? = 1 OR attempts = 0 THEN attempts ELSE attempts - 1 END"
        " WHERE id = ?",
        (utc_now_iso(due_at), error, int(count_attempt), message_id),
    )


async def next_due_at(store: Database) -> datetime | None:
    """When the next pending message is due (UTC), or None when nothing waits."""
    value = await store.fetch_value("SELECT min(due_at) FROM outbox WHERE status = 'pending'")
    return None if value is None else datetime.fromisoformat(value)


async def recover_in_flight(store: Database) -> int:
    """After a restart: rows left 'sending' go back to pending (they may be sent again)."""
    return await store.execute_count(
        "UPDATE outbox SET status = 'pending' WHERE status = 'sending'"
    )


async def get_message(store: Database, message_id: int) -> OutboxMessage | None:
    """One outbox row, or None."""
    row = await store.fetch_one("SELECT * FROM outbox WHERE id = ?", (message_id,))
    return None if row is None else OutboxMessage.from_row(row)


async def messages_by_status(store: Database, status: str) -> list[OutboxMessage]:
    """Every row with one status, soonest first (for staff views and tests)."""
    rows = await store.fetch_all(
        "SELECT * FROM outbox WHERE status = ? ORDER BY due_at, id", (status,)
    )
    return [OutboxMessage.from_row(row) for row in rows]


# --- unreachable chats ------------------------------------------------------------------------


async def mark_unreachable(store: Database, chat_id: int, now: datetime) -> tuple[bool, int]:
    """A chat blocked the bot: note it on the resident and withdraw their queued messages.

    Returns (newly marked, messages cancelled); "newly" lets the caller log it once.
    """
    async with store.transaction(immediate=True):
        newly = await store.execute_count(
            "UPDATE residents SET unreachable_since = ?, updated_at = ?"
            " WHERE user_id = ? AND unreachable_since IS NULL",
            (utc_now_iso(now), utc_now_iso(now), chat_id),
        )
        cancelled = await store.execute_count(
            "UPDATE outbox SET status = 'cancelled', last_error = 'unreachable'"
            " WHERE chat_id = ? AND status = 'pending'",
            (chat_id,),
        )
    return bool(newly), cancelled


async def mark_reachable(store: Database, user_id: int) -> bool:
    """The person wrote to the bot again, so they unblocked it; True if they were unreachable."""
    return bool(
        await store.execute_count(
            "UPDATE residents SET unreachable_since = NULL"
            " WHERE user_id = ? AND unreachable_since IS NOT NULL",
            (user_id,),
        )
    )


async def is_unreachable(store: Database, chat_id: int) -> bool:
    """Whether the resident of this chat blocked the bot (and has not written since)."""
    value = await store.fetch_value(
        "SELECT unreachable_since FROM residents WHERE user_id = ?", (chat_id,)
    )
    return value is not None


async def unreachable_residents(store: Database) -> list[tuple[int, datetime]]:
    """Residents who blocked the bot and since when, for staff."""
    rows = await store.fetch_all(
        "SELECT user_id, unreachable_since FROM residents WHERE unreachable_since IS NOT NULL"
        " ORDER BY unreachable_since"
    )
    return [(row[0], datetime.fromisoformat(row[1])) for row in rows]


async def mark_cancelled(store: Database, message_id: int, reason: str) -> None:
    """Withdraw one claimed or pending message (its chat blocked the bot, say)."""
    await store.execute(
        "UPDATE outbox SET status = 'cancelled', last_error = ?"
        " WHERE id = ? AND status IN ('pending', 'sending')",
        (reason, message_id),
    )


async def release(store: Database, message_ids: list[int]) -> None:
    """Give claimed messages that were never tried back to the queue (the dispatcher stops)."""
    await store.execute_many(
        "UPDATE outbox SET status = 'pending',"
        " attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END"
        " WHERE id = ? AND status = 'sending'",
        [(message_id,) for message_id in message_ids],
    )
