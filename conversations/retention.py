"""The daily purge of personal data, with the words of the notices it causes.

What is deleted or anonymised, and when, is decided by `rules.retention`; this module hands it
what only the conversations have: the notice a resident moved up from a waiting list gets (in
their language), and which kind of conversation state is short-lived (the follow-up topic).
"""

from __future__ import annotations

from datetime import datetime

from conversations import followup
from conversations.context import Ctx
from conversations.flows.base import TOPIC
from conversations.flows.toolkit import notice_renderer
from conversations.i18n import Translator
from rules.retention import Purged, SignupCanceller
from rules.retention import purge_inactive as purge
from rules.signups import signup_rules
from storage.db import Database
from storage.model import Organisation
from storage.repositories import repositories
from storage.schedule import Calendar

__all__ = ["Purged", "purge_inactive"]


async def purge_inactive(
    store: Database, org: Organisation, calendar: Calendar, now: datetime
) -> Purged:
    """Forget residents silent for `org.privacy.inactive_months`; age out desk names and states."""
    ctx = Ctx(
        org=org, calendar=calendar, tr=Translator(org.default_language, org.country), now=now
    )
    notice = notice_renderer(ctx, store)

    def canceller(user_id: int) -> SignupCanceller:
        async def cancel(signup_id: int) -> None:
            await signup_rules(store).cancel(
                org, calendar, signup_id, now=now, resident_id=user_id, notice=notice
            )

        return cancel

    # A follow-up topic is only of use for half an hour; it goes at the first purge after.
    return await purge(
        repositories(store), org, now, canceller=canceller, short_lived=(TOPIC, followup.KEPT)
    )
