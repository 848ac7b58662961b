"""Keeping personal data no longer than needed: what is deleted or anonymised, and when.

- **On request** (`forget`, the resident's "delete my data"): sign-ups still to come are
  cancelled first (through the caller's canceller, so the waiting list moves up and is told);
  then, in one step, the conversation state and language, every message to them (sent ones only
  record that we wrote), their "ask me how it was" setting, their volunteer links and the
  resident row are deleted, and what others still count on is anonymised: sign-ups stay as
  anonymous counts for the reports, help requests keep their topic and timing, feedback its
  rating, without their name, number or words.
- **After silence** (`purge_inactive`, daily): a resident who has not written for
  `privacy.inactive_months` (data file, default 24) is forgotten exactly as on request; desk
  sign-ups (name and phone typed by staff) lose the name and phone once their occurrence is that
  long ago; a half-finished conversation is dropped after a week without a word (a short-lived
  kind, such as the follow-up topic, sooner); the language a conversation is in after a day,
  consent or not.

Everything goes through the repositories, so the rules are the same on SQLite and PostgreSQL;
the words of the notices come from the caller (`conversations.retention`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from storage import conversation_language
from storage.model import Organisation
from storage.repositories import Repositories

STATE_KEPT = timedelta(days=7)  # where someone was in a conversation, kept this long unused

SignupCanceller = Callable[[int], Awaitable[object]]
"""Cancels one sign-up by id, moving the waiting list up."""


@dataclass(frozen=True)
class Purged:
    """What one purge did."""

    residents: int = 0
    desk_signups: int = 0
    conversations: int = 0


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` months earlier (the 31st becomes the month's last day)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = moment.day
    while True:
        try:
            return moment.replace(year=year, month=month + 1, day=day)
        except ValueError:
            day -= 1


async def forget(
    repos: Repositories,
    user_id: int,
    cancel_signup: SignupCanceller,
    *,
    now: datetime | None = None,
) -> None:
    """Delete everything personal the bot keeps about a resident.

    Their sign-ups still to come are cancelled first (through `cancel_signup`, which moves the
    waiting list up); with `now` (local time), sign-ups already past keep their status. The
    rest is deleted or anonymised in one step, so a failure leaves nothing half-forgotten.
    """
    for signup_id in await repos.signups.active_ids_of(user_id, from_local=now):
        await cancel_signup(signup_id)
    stamp = now or datetime.now(UTC)
    async with repos.atomic():
        await repos.conversations.clear(user_id)
        await repos.conversations.forget_language(user_id)
        # Pending messages go; sent ones too, since they only record that we wrote to them.
        await repos.outbox.delete_to(user_id)
        await repos.help_requests.anonymise_of(user_id)
        await repos.feedback.anonymise_of(user_id)
        await repos.feedback.forget_setting(user_id)
        await repos.volunteers.forget_account(user_id)
        await repos.signups.anonymise_of(user_id, now=stamp)
        await repos.residents.delete(user_id)


async def purge_inactive(
    repos: Repositories,
    org: Organisation,
    now: datetime,
    *,
    canceller: Callable[[int], SignupCanceller],
    short_lived: tuple[str, timedelta] | None = None,
) -> Purged:
    """Forget residents silent for `org.privacy.inactive_months`; age out desk names, states
    and conversation languages.

    `canceller(user_id)` cancels that resident's sign-ups (and tells whoever moves up);
    `short_lived` is a kind of conversation state (flow name) kept only so long.
    """
    cutoff = months_before(now, org.privacy.inactive_months)
    inactive = await repos.residents.inactive_since(cutoff)
    for user_id in inactive:
        await forget(repos, user_id, canceller(user_id), now=now)
    desk = await repos.signups.anonymise_desk_signups(org.id, before=cutoff, now=now)
    if short_lived is None:
        states = await repos.conversations.purge_older_than(now - STATE_KEPT)
    else:
        flow, kept = short_lived
        states = await repos.conversations.purge_older_than(
            now - STATE_KEPT, flow=flow, flow_before=now - kept
        )
    states += await repos.conversations.purge_languages_older_than(
        now - conversation_language.KEPT
    )
    return Purged(len(inactive), desk, states)
