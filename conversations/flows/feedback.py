"""Feedback and suggestions for staff, and the day-after question "how was it?".

A resident who writes a compliment, complaint or idea (the `feedback` intent, or `/feedback`)
has it stored for staff, after consent; staff of the centre it names get it at once and see the
latest with `/feedback`. The day after an activity a resident attended, the planner
(`rules.reminders.plan_feedback_questions`) queues one question with 1-5 buttons; a rating may
be followed by one comment (what is accepted: `rules.feedback`).

Payloads: `fb` (write something; staff: the latest feedback), `fb:r:<signup>:<1-5>` (a
rating), `fb:n:<signup>` (don't ask again), `fb:a` (ask me after all), `fb:k` (no comment),
`fb:y` / `fb:0` (consent to pass a message on, or not). A sign-up id is only acted on when it is
the pressing resident's own, confirmed, over, asked about and not yet rated.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any

from conversations import forms
from conversations.access import staff_scope
from conversations.answer import Answer
from conversations.answer_words import is_plain_answer
from conversations.answers import menu
from conversations.calendar_file import when_label
from conversations.consent import give_consent, has_consent
from conversations.context import Ctx
from conversations.flows import toolkit
from conversations.flows.base import Flow, Turn, is_fresh
from conversations.forms import Choice, Question
from conversations.i18n import I18n
from conversations.notices import reply_to_payload
from conversations.payloads import (
    FeedbackAgain,
    FeedbackConsent,
    FeedbackNever,
    FeedbackNoComment,
    FeedbackRating,
    unpack_as,
)
from conversations.reminder_messages import Renderer
from conversations.reply import Button, Reply
from conversations.understanding import Understanding
from conversations.understanding.text import fold
from rules import feedback as feedback_rules
from rules.feedback import MAX_MESSAGE
from rules.reminders import QuestionRender, set_question_setting
from storage.db import Database
from storage.feedback import FEEDBACK, SUGGESTION, AskSetting, Feedback
from storage.model import Organisation
from storage.records import Signup
from storage.repositories import repositories
from storage.schedule import Calendar, Occurrence

NAME = "fb"
RATE = "r"
NEVER = "n"
AGAIN = "a"
NO_COMMENT = "k"
AGREE = "y"
DECLINE = "0"

SHORT = 6  # fewer words than this, naming nothing: the resident has not said it yet

# Word starts (accent-folded) that make a message a suggestion rather than feedback on what was.
_SUGGESTION = re.compile(
    r"\b("
    r"suggest|idea|propos|could you|would be nice|why not|how about|"  # en
    r"voorstel|idee|suggestie|zou (leuk|fijn|goed)|waarom (geen|niet)|"  # nl
    r"sugger|pourquoi pas|ce serait bien|"  # fr
    r"vorschlag|vorschlagen|waere schon|warum nicht|"  # de
    r"oneri|fikir|"  # tr
    r"pomysl|propozycj|sugestia|moze by|"  # pl
    r"пропоз|іде[яю]|порад|"  # uk
    r"اقتراح|اقترح|فكرة"  # ar
    r")",
)


def classify(text: str) -> str:
    """SUGGESTION when the message proposes something, else FEEDBACK (praise or complaint)."""
    return SUGGESTION if _SUGGESTION.search(fold(text)) else FEEDBACK


def consent_question(ctx: Ctx) -> Question:
    """May the message be kept and passed on: yes or no, pressed or typed."""
    _ = ctx.tr.gettext
    text = "\n".join(
        [
            _(
                "Before I pass this on: I keep your message with your Telegram account, so "
                "the staff can answer you. Only the staff of the centres see it."
            ),
            _("You can delete it at any time with “My data” in the menu. Is that all right?"),
        ]
    )
    choices = (
        Choice(FeedbackConsent(AGREE), _("✅ Yes, pass it on"), yes=True),
        Choice(FeedbackConsent(DECLINE), _("No, thank you"), yes=False),
    )
    return Question("consent", text, choices)


def text_says_no(text: str) -> bool:
    """Whether a short typed answer is a no ("nee", "no thanks", "hayır")."""
    return forms.fit(_NO_COMMENT, text) is not None


_NO_COMMENT = Question("comment", "", (Choice(FeedbackNoComment(), "", yes=False),))
RATINGS = Question(
    "rating", "", tuple(Choice(FeedbackRating(0, n), str(n), number=n) for n in range(1, 6))
)
"""A rating typed as a number, digits or a word ("4", "vier", "dört")."""


def rating_payload(signup_id: int, rating: int) -> FeedbackRating:
    """The payload of one rating button."""
    return FeedbackRating(signup_id, rating)


def _answer(ctx: Ctx, text: str, rows: toolkit.Rows = ()) -> Answer:
    return toolkit.answer(ctx, text, (*rows, menu.back_row(ctx)), intent="feedback")


def _title(ctx: Ctx, activity_id: str | None) -> str | None:
    activity = ctx.org.activity(activity_id) if activity_id else None
    return ctx.text(activity.title) if activity else activity_id


# --- the day-after question -----------------------------------------------------------------


def question_reply(ctx: Ctx, signup: Signup, occurrence: Occurrence, first_time: bool) -> Reply:
    """The day-after question with 1-5 buttons; the first time, as an offer one can decline."""
    _ = ctx.tr.gettext
    start = occurrence.start.astimezone(ctx.calendar.tz)
    lines = [
        _("How was {activity} yesterday ({when}, {centre})?").format(
            activity=_title(ctx, signup.activity_id),
            when=when_label(ctx, start),
            centre=ctx.centre_name(signup.centre_id),
        ),
        _("Tap a number: 1 is poor, 5 is very good. The staff read every answer."),
    ]
    if first_time:
        lines.append(
            _(
                "I only ask if you like it. Answer, and I will ask after your next activities "
                "too. Rather not? Tap “Don't ask again”."
            )
        )
    rows = (
        tuple(Button(str(n), rating_payload(signup.id, n)) for n in range(1, 6)),
        (Button(_("🔕 Don't ask again"), FeedbackNever(signup.id)),),
        menu.back_row(ctx),
    )
    return Reply("\n".join(lines), rows, recipient=signup.resident_id, language=ctx.lang)


def question_renderer(
    store: Database, org: Organisation, calendar: Calendar, i18n: I18n | None = None
) -> QuestionRender:
    """Renders the day-after question in each resident's language (for the planner)."""
    renderer = Renderer(store, org, calendar, i18n)

    async def render(
        signup: Signup, occurrence: Occurrence, due: datetime, first_time: bool
    ) -> tuple[dict[str, Any], str]:
        ctx = await renderer.ctx_for(signup.resident_id, due)
        return reply_to_payload(question_reply(ctx, signup, occurrence, first_time)), ctx.lang

    return render


# --- what staff read ----------------------------------------------------------------------------


def _where(ctx: Ctx, item: Feedback) -> str:
    parts = [
        _title(ctx, item.activity_id),
        ctx.centre_name(item.centre_id) if item.centre_id else None,
    ]
    return " · ".join(part for part in parts if part)


def staff_notice(ctx: Ctx, item: Feedback) -> str:
    """The message staff get at once about new feedback, in their language."""
    _ = ctx.tr.gettext
    if item.rating is not None:
        head = _("⭐ New rating: {n} out of 5").format(n=item.rating)
    elif item.kind == SUGGESTION:
        head = _("💡 New suggestion")
    else:
        head = _("💬 New feedback")
    lines = [head]
    where = _where(ctx, item)
    if where:
        lines.append(where)
    if item.message:
        lines.append(f"“{item.message}”")
    lines.append(_("See the latest with /feedback."))
    return "\n".join(lines)


def describe(ctx: Ctx, item: Feedback) -> str:
    """One line of the staff list: when, what kind, where, and what was said."""
    when = item.created_at.astimezone(ctx.calendar.tz)
    if item.rating is not None:
        mark = "⭐" * item.rating
    elif item.kind == SUGGESTION:
        mark = "💡"
    else:
        mark = "💬"
    where = _where(ctx, item)
    head = f"• {ctx.tr.date(when, 'short')} {ctx.tr.time(when)} {mark}"
    if where:
        head += f" {where}"
    return f"{head}: {item.message}" if item.message else head


async def _to_staff(turn: Turn, item: Feedback) -> list[Reply]:
    """One notice per staff member of the centre, each in that member's language."""
    return await toolkit.to_staff(turn, item.centre_id, lambda c: staff_notice(c, item))


WRITE = "write"  # waiting for the message to staff
PENDING = "pending"  # the message written, waiting for a yes to keep and pass it on
COMMENT = "comment"  # a rating given, waiting for a comment on it


@dataclass
class FeedbackState:
    """A message to staff or a rating as far as the resident has got, in the conversation
    state."""

    step: str  # WRITE, PENDING or COMMENT
    activity: str | None = None  # what the message is about, when it named it
    centre: str | None = None
    text: str = ""  # the message, once written
    feedback: int | None = None  # the rating a comment is for (COMMENT)

    def saved(self) -> dict[str, Any]:
        """As it is stored (JSON)."""
        return asdict(self)

    @classmethod
    def load(cls, saved: Mapping[str, Any]) -> FeedbackState | None:
        """Read a saved state back, also one saved before states were typed ({"write": item},
        {"pending": item}, {"comment": id}: the bot restarts with them in the database); None
        when there is none."""
        if "step" not in saved:
            for was in (WRITE, PENDING, COMMENT):
                if was in saved:
                    old = saved[was]
                    item = old if isinstance(old, Mapping) else {}
                    return cls.load({**item, "step": was, "feedback": old})
            return None
        step = saved.get("step")
        if step not in (WRITE, PENDING, COMMENT):
            return None
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in saved.items() if k in known}
        feedback = values.get("feedback")
        return cls(
            step=str(step),
            activity=_text_or_none(values.get("activity")),
            centre=_text_or_none(values.get("centre")),
            text=str(values.get("text") or ""),
            feedback=feedback if isinstance(feedback, int) and step == COMMENT else None,
        )


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _waits_for_yes(turn: Turn, state: dict[str, Any]) -> bool:
    """Whether the state waits for a yes to pass a written message on, and is still fresh."""
    saved = FeedbackState.load(state)
    return saved is not None and saved.step == PENDING and is_fresh(state, turn.ctx.now)


# --- the flow -----------------------------------------------------------------------------------


class FeedbackFlow(Flow):
    """Residents tell staff what they think; the day-after question is answered here."""

    name = NAME
    # `/feedback` reaches on_button(turn, ""); "unknown": a rating typed ("4", "vier", "dört")
    # after the day-after question, which has buttons but no conversation state.
    intents = ("feedback", "unknown")

    async def on_intent(self, turn: Turn, understanding: Understanding) -> Answer | None:
        """A compliment, complaint or idea typed in a message: pass it on (after consent)."""
        u = understanding
        if u.intent == "unknown":
            return await self._typed_rating(turn)
        activity = u.activity or (
            u.activity_candidates[0] if len(u.activity_candidates) == 1 else None
        )
        centre = u.centre
        found = turn.ctx.org.activity(activity) if activity else None
        if centre is None and found is not None and len(found.centres) == 1:
            centre = found.centres[0]
        state = FeedbackState(WRITE, activity, centre)
        if len(u.text.split()) < SHORT and activity is None and centre is None:
            return await self._ask_to_write(turn, state)
        state.text = u.text[:MAX_MESSAGE]
        return await self._received(turn, state)

    async def _typed_rating(self, turn: Turn) -> Answer | None:
        """A number from 1 to 5 typed after the day-after question: that rating, as a press."""
        if not turn.writes:
            return None
        fitted = forms.fit(RATINGS, turn.incoming.text)
        if fitted is None or not isinstance(fitted.payload, FeedbackRating):
            return None
        signup_id = await feedback_rules.open_question(
            repositories(turn.store), turn.user_id, turn.ctx.now
        )
        if signup_id is None:
            return None
        return await self._rate(turn, signup_id, fitted.payload.rating)

    async def on_text(self, turn: Turn, state: dict[str, Any]) -> Answer | None:
        """The message asked for, or the comment after a rating."""
        text = " ".join(turn.incoming.text.split())[:MAX_MESSAGE]
        saved = FeedbackState.load(state)
        if not text or saved is None or not is_fresh(state, turn.ctx.now):
            return None  # typed long after: a new question, not the answer we waited for
        if saved.step == PENDING:
            fitted = forms.fit(consent_question(turn.ctx), text)
            if fitted is None or fitted.payload is None:
                return None
            return await self.on_button(turn, fitted.payload.rest())
        if saved.step == COMMENT and is_plain_answer(text) and text_says_no(text):
            return await self.on_button(turn, FeedbackNoComment().rest())
        if saved.step == COMMENT and saved.feedback is not None:
            return await self._comment(turn, saved.feedback, text)
        if saved.step == WRITE:
            saved.text = text
            return await self._received(turn, saved)
        return None

    async def resume(self, turn: Turn, state: dict[str, Any]) -> Answer | None:
        """Asked again to write their message, or whether it may be passed on."""
        saved = FeedbackState.load(state)
        if saved is None or not is_fresh(state, turn.ctx.now):
            return None
        if saved.step == WRITE:
            return await self._ask_to_write(turn, saved)
        if saved.step == PENDING:
            return await self._received(turn, saved)
        return None

    async def fits(self, turn: Turn, state: dict[str, Any]) -> bool:
        """Whether typed words answer "may I pass it on?" with yes or no."""
        if not _waits_for_yes(turn, state):
            return False
        fitted = forms.fit(consent_question(turn.ctx), turn.incoming.text)
        return fitted is not None and fitted.payload is not None

    async def holds(self, turn: Turn, state: dict[str, Any]) -> bool:
        """A message waiting for a yes waits while a side question is answered."""
        return _waits_for_yes(turn, state)

    async def on_button(self, turn: Turn, rest: str) -> Answer | None:
        """Write to staff, the staff list, ratings, the setting, consent; None when stale."""
        if rest == "":
            scope = staff_scope(turn)
            if scope is not None:
                return await self._staff_list(turn, scope.centres)
            return await self._ask_to_write(turn, FeedbackState(WRITE))
        pressed = unpack_as(
            f"{NAME}:{rest}",
            FeedbackRating,
            FeedbackNever,
            FeedbackAgain,
            FeedbackNoComment,
            FeedbackConsent,
        )
        if isinstance(pressed, FeedbackRating):
            return await self._rate(turn, pressed.signup, pressed.rating)
        if isinstance(pressed, FeedbackNever):
            return await self._never(turn, pressed.signup)
        if isinstance(pressed, FeedbackAgain):
            return await self._again(turn)
        if isinstance(pressed, FeedbackNoComment):
            await turn.clear_state()
            return _answer(turn.ctx, turn.ctx.tr.gettext("Thank you for your answer!"))
        if isinstance(pressed, FeedbackConsent):
            return await self._consent(turn, pressed.answer == AGREE)
        return None

    # -- suggestions and feedback --------------------------------------------------------------

    async def _ask_to_write(self, turn: Turn, state: FeedbackState) -> Answer:
        ctx = turn.ctx
        _ = ctx.tr.gettext
        state.step = WRITE
        await turn.save_stamped_state(self.name, state.saved())
        rows: tuple[tuple[Button, ...], ...] = ()
        if turn.writes and await has_consent(turn.store, turn.user_id):
            setting = await repositories(turn.store).feedback.ask_setting(turn.user_id)
            if setting is AskSetting.YES:
                rows = ((Button(_("🔕 Don't ask how activities were"), FeedbackNever(0)),),)
            else:
                rows = ((Button(_("🔔 Ask me how activities were"), FeedbackAgain()),),)
        return _answer(
            ctx,
            _(
                "What would you like to tell the staff? An idea, a compliment or a complaint: "
                "type it here."
            ),
            rows,
        )

    async def _received(self, turn: Turn, state: FeedbackState) -> Answer:
        """Store the message when the resident agreed that we keep it; else ask first."""
        if turn.writes and await has_consent(turn.store, turn.user_id):
            return await self._store(turn, state)
        state.step = PENDING
        await turn.save_stamped_state(self.name, state.saved())
        question = consent_question(turn.ctx)
        turn.asked = question
        return _answer(turn.ctx, question.text, question.rows())

    async def _consent(self, turn: Turn, agreed: bool) -> Answer | None:
        current = await turn.state()
        mine = current is not None and current[0] == self.name
        saved = FeedbackState.load(current[1]) if current is not None and mine else None
        if saved is None or saved.step != PENDING:
            return None
        ctx = turn.ctx
        _ = ctx.tr.gettext
        if not agreed:
            await turn.clear_state()
            return _answer(
                ctx, _("All right: I have not kept your message. Thank you for telling me.")
            )
        await give_consent(turn.store, turn.user_id, ctx.now, language=ctx.lang)
        return await self._store(turn, saved)

    async def _store(self, turn: Turn, state: FeedbackState) -> Answer:
        ctx = turn.ctx
        _ = ctx.tr.gettext
        text = state.text
        org = ctx.org
        activity = state.activity if org.activity(str(state.activity)) else None
        centre = state.centre if org.centre(str(state.centre)) else None
        stored = await feedback_rules.add_feedback(
            repositories(turn.store),
            org_id=org.id,
            kind=classify(text),
            message=text,
            now=ctx.now,
            resident_id=turn.user_id,
            centre_id=centre,
            activity_id=activity,
            language=ctx.lang,
        )
        await turn.clear_state()
        if stored.kind == SUGGESTION:
            thanks = _("Thank you for your idea! I have passed it on: the staff will read it.")
        else:
            thanks = _("Thank you for telling us! I have passed it on: the staff will read it.")
        answer = _answer(ctx, thanks)
        answer.activity = activity
        answer.centre = centre
        answer.replies.extend(await _to_staff(turn, stored))
        return answer

    async def _staff_list(self, turn: Turn, centres: frozenset[str] | None) -> Answer:
        """The latest feedback of the staff member's centres, and what names no centre."""
        ctx = turn.ctx
        _ = ctx.tr.gettext
        items = await repositories(turn.store).feedback.recent(ctx.org.id, centres=centres)
        if not items:
            return _answer(ctx, _("No feedback yet."))
        lines = [_("The latest feedback:"), ""] + [describe(ctx, item) for item in items]
        return _answer(ctx, "\n".join(lines))

    # -- the day-after question ----------------------------------------------------------------

    async def _asked_signup(self, turn: Turn, signup_id: int) -> Signup | None:
        """The sign-up a rating or "don't ask again" may be about (`rules.feedback`), or None."""
        if not turn.writes:
            return None
        ctx = turn.ctx
        return await feedback_rules.rateable_signup(
            repositories(turn.store), ctx.org, ctx.calendar, turn.user_id, signup_id, ctx.now
        )

    async def _rate(self, turn: Turn, signup_id: int, rating: int) -> Answer | None:
        ctx = turn.ctx
        _ = ctx.tr.gettext
        signup = await self._asked_signup(turn, signup_id)
        if signup is None:
            return None
        stored = await feedback_rules.record_rating(
            repositories(turn.store), signup, rating, now=ctx.now, language=ctx.lang
        )
        if stored is None:
            return _answer(ctx, _("You answered this question already. Thank you!"))
        await turn.save_stamped_state(
            self.name, FeedbackState(COMMENT, feedback=stored.id).saved()
        )
        return _answer(
            ctx,
            _(
                "Thank you! Would you like to add a comment for the staff? Type it now, or tap "
                "“No comment”."
            ),
            ((Button(_("No comment"), FeedbackNoComment()),),),
        )

    async def _comment(self, turn: Turn, feedback_id: int, text: str) -> Answer:
        ctx = turn.ctx
        _ = ctx.tr.gettext
        await turn.clear_state()
        repos = repositories(turn.store)
        added = await feedback_rules.add_comment(repos, feedback_id, turn.user_id, text)
        answer = _answer(ctx, _("Thank you! The staff will read it."))
        if added:
            stored = await repos.feedback.get(feedback_id)
            if stored is not None:
                answer.replies.extend(await _to_staff(turn, stored))
        return answer

    async def _never(self, turn: Turn, signup_id: int) -> Answer | None:
        """Don't ask again: from under a question (its sign-up id) or from the menu (0)."""
        if signup_id != 0 and await self._asked_signup(turn, signup_id) is None:
            return None
        if not turn.writes or not await has_consent(turn.store, turn.user_id):
            return None
        ctx = turn.ctx
        _ = ctx.tr.gettext
        await set_question_setting(
            repositories(turn.store), turn.user_id, AskSetting.NO, now=ctx.now
        )
        return _answer(
            ctx,
            _("All right: I will not ask how activities were. Changed your mind? Tap below."),
            ((Button(_("🔔 Ask me how activities were"), FeedbackAgain()),),),
        )

    async def _again(self, turn: Turn) -> Answer | None:
        """Ask me after all: only for a resident who agreed that we keep their choices."""
        if not turn.writes or not await has_consent(turn.store, turn.user_id):
            return None
        ctx = turn.ctx
        _ = ctx.tr.gettext
        await set_question_setting(
            repositories(turn.store), turn.user_id, AskSetting.YES, now=ctx.now
        )
        return _answer(
            ctx, _("Fine: the day after an activity you signed up for, I will ask how it was.")
        )
