"""The sending budget shared by every process of a bot on one PostgreSQL database.

One row holds the bot's schedule of slots: `next_slot`, the earliest moment (seconds on the
wall clock, which every process shares) the next message may go, and `paused_until`, set when
Telegram answered 429. Taking a slot is one UPDATE of that row, so two processes never get the
same slot: PostgreSQL's row lock puts their grants one after the other. Slots are spaced `gap`
apart whoever takes them, so all processes together never exceed the limit, and a process that
sends nothing leaves its slots to the others. The table and its row come with the numbered
migrations (0007_send_budget) of both backends; only PostgreSQL uses them.

Replies go first across processes: a reply books the next free slot however far ahead it lies;
an outbox message books one only when it is due within `horizon` (one gap), so a drain never
books ahead of replies and a reply from any process waits for at most the slot already booked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from storage.db import Database

BUDGET_ROW = 1  # one bot per database: one row
RESET_AFTER = 60.0  # a next slot this far beyond now and any pause: the wall clock went back


@dataclass(frozen=True)
class Booking:
    """The answer to a request for a slot."""

    slot: float  # when the slot is (booked), or when the next free one is (refused)
    booked: bool


class SendLedger:
    """The shared schedule of slots, kept in one row of the PostgreSQL database."""

    def __init__(self, store: Database) -> None:
        self.store = store

    async def restore_row(self) -> None:
        """Put the row back if it is gone (migration 0007 makes it; a hand edit may remove it)."""
        await self.store.execute(
            "INSERT INTO send_budget (id, next_slot, paused_until) VALUES (?, 0, 0)"
            " ON CONFLICT (id) DO NOTHING",
            (BUDGET_ROW,),
        )

    async def book(self, now: float, gap: float, horizon: float = math.inf) -> Booking:
        """Take the next free slot if it is no later than `now + horizon`; one statement."""
        now_ = "CAST(:now AS double precision)"
        free = (
            f"GREATEST(CASE WHEN next_slot > GREATEST({now_}, paused_until)"
            f" + CAST(:reset AS double precision) THEN {now_} ELSE next_slot END,"
            f" {now_}, paused_until)"
        )
        gap_ = "CAST(:gap AS double precision)"
        params = {
            "now": now,
            "gap": gap,
            "horizon": horizon if math.isfinite(horizon) else 1e18,
            "reset": RESET_AFTER,
            "id": BUDGET_ROW,
        }
        # Under concurrent grants PostgreSQL re-checks the WHERE on the row as the other left it.
        booked = await self.store.fetch_value(
            # A pause that is over is forgotten, so a wall clock set back later cannot revive it.
            f"UPDATE send_budget SET next_slot = {free} + {gap_},"
            f" paused_until = CASE WHEN paused_until <= {now_} THEN 0 ELSE paused_until END"
            f" WHERE id = :id"
            f" AND {free} <= {now_} + CAST(:horizon AS double precision)"
            f" RETURNING next_slot - {gap_}",
            params,
        )
        if booked is not None:
            return Booking(float(booked), True)
        row = await self.store.fetch_one(
            f"SELECT {free} FROM send_budget WHERE id = :id",
            {k: v for k, v in params.items() if k in ("now", "reset", "id")},
        )
        if row is None:  # the row is gone: make it again
            await self.restore_row()
            return await self.book(now, gap, horizon)
        return Booking(float(row[0]), False)

    async def pause(self, until: float) -> None:
        """Nothing is granted, in any process, before `until` (Telegram's retry_after)."""
        await self.store.execute(
            "UPDATE send_budget SET paused_until"
            " = GREATEST(paused_until, CAST(? AS double precision)) WHERE id = ?",
            (until, BUDGET_ROW),
        )
