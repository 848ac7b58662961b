"""Keeping personal data no longer than needed: the daily purge of residents who stopped writing.

A resident who has not written for `privacy.inactive_months` (data file, default 24) is forgotten
exactly as with `/forget`: sign-ups still to come are cancelled (the waiting list moves up and is
told), the rest stays as anonymous counts. Desk sign-ups (name and phone typed by staff) lose the
name and phone once their occurrence is that long ago, and a half-finished conversation is
dropped after a week without a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from conversations import followup, residents
from conversations.context import Ctx
from conversations.flows.base import TOPIC
from conversations.flows.toolkit import notice_renderer
from conversations.i18n import Translator
from storage import conversation_language, signups
from storage.db import Database
from storage.model import Organisation
from storage.repositories import repositories
from storage.schedule import Calendar

STATE_KEPT = timedelta(days=7)  # where someone was in a conversation, kept this long unused


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


async def purge_inactive(
    store: Database, org: Organisation, calendar: Calendar, now: datetime
) -> Purged:
    """Forget residents silent for `org.privacy.inactive_months`; age out desk names and states."""
    cutoff = months_before(now, org.privacy.inactive_months)
    repos = repositories(store)
    inactive = await repos.residents.inactive_since(cutoff)
    ctx = Ctx(
        org=org, calendar=calendar, tr=Translator(org.default_language, org.country), now=now
    )
    notice = notice_renderer(ctx, store)
    for user_id in inactive:

        async def cancel(signup_id: int, user_id: int = user_id) -> None:
            await signups.cancel_signup(
                store, org, calendar, signup_id, now=now, resident_id=user_id, notice=notice
            )

        await residents.forget(store, user_id, cancel, now=now)
    desk = await repos.signups.anonymise_desk_signups(org.id, before=cutoff, now=now)
    # A follow-up topic is only of use for half an hour; it goes at the first purge after.
    states = await repos.conversations.purge_older_than(
        now - STATE_KEPT, flow=TOPIC, flow_before=now - followup.KEPT
    )
    states += await conversation_language.purge(store, now)  # kept a day, consent or not
    return Purged(len(inactive), desk, states)
