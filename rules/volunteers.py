"""The rules of volunteers' link codes: what a code is, which code links, and where a link moves.

- A code is 10 characters from an alphabet nobody confuses on paper or on the phone (no 0/O,
  1/I/L), about 50 bits, safe in a Telegram deep link; typed in lower case or with spaces it
  still counts.
- It works once, for seven days, and only for a volunteer still in the data file. A new code for
  a volunteer ends their earlier unused one, so only the latest code staff handed out works.
- Redeeming is staff's word: the volunteer record moves to this Telegram account, and this
  account moves away from any other volunteer record it was linked to.
- Shift reminders follow the link (a volunteer who links a second phone is reminded there):
  those already queued for the record's earlier account go to this one instead, the same rows,
  so none is lost or sent twice; those queued for this account about a record it leaves are
  withdrawn (queued again for whoever links that record next). In the same step as the link, so
  no reminder goes out to the old chat after it, and a restart finds the store already moved.
- An unknown code (or one of a volunteer who left the data file), a used one and an expired one
  link nothing, and say which.
The check and the writes are one step (`Repositories.atomic()`), so two accounts sending the same
code at once, in one process or two, never both link. Everything goes through the repositories,
so the rules are the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from rules.shifts import UNLINKED
from storage.repositories import Repositories
from storage.volunteers import REMINDER_KIND, StoredCode

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Letters and digits nobody confuses on paper or on the phone: no 0/O, 1/I/L."""

CODE_LENGTH = 10
CODE_VALID_FOR = timedelta(days=7)

_CODE_SHAPE = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")


class Redeemed(StrEnum):
    """What happened to a code someone sent."""

    LINKED = "linked"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"


@dataclass(frozen=True)
class Redemption:
    """The outcome of sending a code, with the volunteer it linked to."""

    outcome: Redeemed
    volunteer_id: str | None = None


def new_code() -> str:
    """A fresh random code: 10 characters, about 50 bits, safe in a Telegram deep link."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str | None:
    """The code in `text` as stored (upper case), or None when it cannot be a code."""
    candidate = text.strip().upper()
    return candidate if _CODE_SHAPE.match(candidate) else None


async def create_code(
    repos: Repositories, org_id: str, volunteer_id: str, *, now: datetime
) -> str:
    """A new one-time code for a volunteer; their earlier unused codes stop working.

    LookupError for a volunteer who is not (or no longer) in the data file.
    """
    code = new_code()
    async with repos.atomic():
        if not await repos.volunteers.exists(org_id, volunteer_id):
            raise LookupError(f"no volunteer {volunteer_id!r} in {org_id!r}")
        await repos.volunteers.end_unused_codes(org_id, volunteer_id, now=now)
        await repos.volunteers.add_code(
            org_id, volunteer_id, code, now=now, expires_at=now + CODE_VALID_FOR
        )
    return code


def refusal(stored: StoredCode, now: datetime) -> Redeemed | None:
    """Why a stored code links nothing now, or None when it links."""
    if stored.volunteer_removed:
        return Redeemed.UNKNOWN  # their record left the data file: the code means nothing
    if stored.used_at is not None:
        return Redeemed.USED
    if stored.expires_at <= now:
        return Redeemed.EXPIRED
    return None


async def redeem_code(
    repos: Repositories, org_id: str, code: str, telegram_id: int, *, now: datetime
) -> Redemption:
    """Link a Telegram account with a code; an unknown, expired or used code links nothing."""
    normal = normalise_code(code)
    if normal is None:
        return Redemption(Redeemed.UNKNOWN)
    async with repos.atomic():
        stored = await repos.volunteers.find_code(org_id, normal)
        if stored is None:
            return Redemption(Redeemed.UNKNOWN)
        refused = refusal(stored, now)
        if refused is not None:
            return Redemption(refused)
        if not await repos.volunteers.use_code(org_id, normal, telegram_id, now=now):
            return Redemption(Redeemed.USED)  # the write lock makes this a guard only
        # The code is staff's word: it moves the record to this account, and this account
        # away from any other volunteer record.
        before = await repos.volunteers.linked_account(org_id, stored.volunteer_id)
        await repos.volunteers.unlink(org_id, telegram_id)
        await repos.volunteers.unlink_volunteer(org_id, stored.volunteer_id)
        await repos.volunteers.add_link(org_id, telegram_id, stored.volunteer_id, now=now)
        if before != telegram_id:
            await _reminders_follow(repos, org_id, telegram_id, before)
    repos.changes.reminders_changed(telegram_id)  # their shifts now have reminders
    return Redemption(Redeemed.LINKED, stored.volunteer_id)


async def _reminders_follow(
    repos: Repositories, org_id: str, telegram_id: int, before: int | None
) -> None:
    """Queued shift reminders follow a link that moved to `telegram_id` from `before`."""
    # Whatever this account was queued before was about a record it has just left.
    await repos.outbox.cancel_pending_to(
        telegram_id, kinds=(REMINDER_KIND,), org_id=org_id, reason=UNLINKED
    )
    if before is not None:
        # Moved, not withdrawn and queued anew: a reminder due right now still goes out, once.
        await repos.outbox.readdress_pending(
            before, telegram_id, kinds=(REMINDER_KIND,), org_id=org_id
        )
