"""Help requests with a warm handoff: a resident asks for a person, staff take it up.

The resident picks a topic and a centre, agrees that we keep their question, may add a message
and a phone number (Telegram's contact button, or typed), picks a call-back moment, confirms,
and is told what happens next and how to reach the centre. Until consent nothing is written:
topic and centre travel in the button payloads; after it the answers live in the conversation
state. Staff get the request at once with a "Claim" button; `/inbox` lists open, claimed and
resolved requests (data-file staff see only their centres); claiming and resolving tell the
resident through the outbox, in the resident's language. Every staff press is checked again
on the server side, and an id that is not theirs to see is refused.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import yaml

from conversations import forms
from conversations.access import StaffScope, staff_scope
from conversations.answer import Answer
from conversations.answers import basics, hours, menu
from conversations.consent import give_consent, has_consent
from conversations.context import Ctx
from conversations.flows import toolkit
from conversations.flows.base import Flow, Turn, is_fresh
from conversations.forms import Choice, Question
from conversations.notices import reply_to_payload
from conversations.payloads import (
    Help,
    HelpBack,
    HelpCentre,
    HelpCentrePage,
    HelpMoment,
    HelpStep,
    HelpTopic,
    Inbox,
    InboxAction,
    Payload,
    unpack_as,
)
from conversations.reply import Button, Reply
from conversations.understanding import Understanding
from conversations.understanding.entities import concept_spans
from conversations.understanding.lexicon import PhraseIndex, load_lexicon
from conversations.understanding.text import words
from storage import help_requests as store_help
from storage import outbox
from storage.help_requests import MOMENTS, TOPICS, HelpRequest, HelpStatus, Outcome
from storage.repositories import repositories

log = logging.getLogger(__name__)

NAME = menu.PERSON  # the menu's "Talk to a person" starts this flow
STAFF = "hq"  # payload prefix of the staff inbox

MAX_MESSAGE = 500
MAX_NOTE = 300
PAGE = 8  # requests listed per inbox screen
TOPICS_FILE = Path(__file__).resolve().parent.parent / "lexicon" / "help_topics.yaml"

# Call-back windows: mornings and afternoons, as residents and centres speak of them.
WINDOWS: dict[str, tuple[time, time]] = {"am": (time(9), time(12)), "pm": (time(13), time(17))}
LEAD = timedelta(minutes=30)  # a window that closes sooner than this is no longer offered
NEXT_HORIZON_DAYS = 14  # how far to look for the next opening when today and tomorrow are closed
CALLS = ("am0", "pm0", "am1", "pm1", "next")  # moments at which the centre calls
NOTICE_CLAIMED = "help_claimed"
NOTICE_RESOLVED = "help_resolved"
HELP_ANSWERS: tuple[type[Payload], ...] = (
    Help,
    HelpTopic,
    HelpCentre,
    HelpStep,
    HelpMoment,
    HelpBack,
    HelpCentrePage,
)
"""Every answer of the help request form, pressed or typed."""


@dataclass
class HelpState:
    """A help request as far as the resident has got, kept in the conversation state."""

    step: str = "topic"  # the question open: topic, centre, consent, message, phone, moment,
    # confirm
    topic: str | None = None
    centre: str | None = None
    message: str = ""  # in their own words; the words that started the request, to begin with
    phone: str = ""
    moment: str | None = None  # when to call back (CALLS), or "visit"
    day: str | None = None  # the day of that moment, ISO

    def saved(self) -> dict[str, Any]:
        """As it is stored (JSON)."""
        return asdict(self)

    @classmethod
    def load(cls, saved: Mapping[str, Any]) -> HelpState | None:
        """Read a saved state back (the keys have not changed); None when there is none."""
        step = saved.get("step")
        if not isinstance(step, str):
            return None
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in saved.items() if k in known}
        values["message"] = str(values.get("message") or "")
        values["phone"] = str(values.get("phone") or "")
        return cls(**values)

    def callback_day(self) -> date | None:
        """The day the centre calls back on."""
        try:
            return date.fromisoformat(str(self.day))
        except ValueError:
            return None


@dataclass(frozen=True)
class NoteState:
    """A staff member about to type a note on a help request, kept in the conversation state."""

    note: int  # the id of the help request the note is for

    def saved(self) -> dict[str, Any]:
        """As it is stored (JSON)."""
        return asdict(self)

    @classmethod
    def load(cls, saved: Mapping[str, Any]) -> NoteState | None:
        """Read a saved state back (the key has not changed since it was a dict)."""
        note = saved.get("note")
        return cls(note) if isinstance(note, int) and not isinstance(note, bool) else None


# --- understanding the topic ----------------------------------------------------------------


@lru_cache(maxsize=2)
def _topic_index(path: Path = TOPICS_FILE) -> tuple[dict[str, str], PhraseIndex]:
    """Concept → topic, and our own topic phrases, read once."""
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    by_concept = {
        concept: topic
        for topic, concepts in (data.get("concepts") or {}).items()
        for concept in concepts
    }
    phrases = PhraseIndex()
    for topic, entries in (data.get("words") or {}).items():
        for phrase in entries or ():
            phrases.add(str(phrase), (topic,))
    return by_concept, phrases


def topic_of(text: str, lang: str) -> str | None:
    """The help topic a message names ("probleem met mijn huur" → housing), or None."""
    by_concept, phrases = _topic_index()
    tokens = list(words(text))
    found = [m.payload[0] for m in phrases.find(tokens)]
    lex = load_lexicon()
    for language in dict.fromkeys((lang, "en")):
        found += [
            by_concept[c] for c, _i, _j in concept_spans(tokens, language, lex) if c in by_concept
        ]
    topics = [t for t in TOPICS if t in found]
    return topics[0] if len(topics) == 1 else None


# --- labels ----------------------------------------------------------------------------------


def topic_label(ctx: Ctx, topic: str | None) -> str:
    """A topic as the resident and staff see it."""
    _ = ctx.tr.gettext
    labels = {
        "money": _("💶 Money and bills"),
        "housing": _("🏠 Housing"),
        "health": _("🩺 Health and care"),
        "lonely": _("🫂 Feeling lonely"),
        "digital": _("💻 Digital help"),
        "letters": _("✉️ Letters and forms"),
        "other": _("💬 Something else"),
    }
    return labels.get(topic or "other", labels["other"])


def moment_button(ctx: Ctx, moment: str, day: date | None) -> str:
    """A call-back moment on its button."""
    _ = ctx.tr.gettext
    labels = {
        "am0": _("🌅 This morning"),
        "pm0": _("🌇 This afternoon"),
        "am1": _("🌅 Tomorrow morning"),
        "pm1": _("🌇 Tomorrow afternoon"),
        "visit": _("🚶 No call, I will come by"),
    }
    if moment == "next" and day is not None:
        return "📅 " + ctx.tr.date(day)
    return labels.get(moment, moment)


def moment_phrase(ctx: Ctx, moment: str | None, day: date | None) -> str:
    """A call-back moment inside a sentence, with its date."""
    _ = ctx.tr.gettext
    when = ctx.tr.date(day) if day else ""
    phrases = {
        "am0": _("this morning"),
        "pm0": _("this afternoon"),
        "am1": _("tomorrow morning ({day})").format(day=when),
        "pm1": _("tomorrow afternoon ({day})").format(day=when),
        "next": _("on {day}").format(day=when),
    }
    return phrases.get(moment or "", "")


def available_moments(ctx: Ctx, centre_id: str) -> list[tuple[str, date]]:
    """The call-back moments on which the centre is open, soonest first; then "I'll come by"."""
    found: list[tuple[str, date]] = []
    today = ctx.now.date()
    for offset in (0, 1):
        day = today + timedelta(days=offset)
        intervals = ctx.calendar.hours_on(centre_id, day).intervals
        for part, (start, end) in WINDOWS.items():
            if offset == 0:
                soonest = ctx.now + LEAD
                if soonest.date() != today or soonest.time() >= end:
                    continue
                start = max(start, soonest.time())
            if any(s < end and e > start for s, e in intervals):
                found.append((f"{part}{offset}", day))
    if not found:
        for offset in range(2, NEXT_HORIZON_DAYS):
            day = today + timedelta(days=offset)
            if ctx.calendar.hours_on(centre_id, day).intervals:
                found.append(("next", day))
                break
    found.append(("visit", today))
    return found


# --- resident screens ------------------------------------------------------------------------


def _answer(ctx: Ctx, text: str, rows: toolkit.Rows) -> Answer:
    return toolkit.answer(ctx, text, rows, intent="help_request")


def question_for(ctx: Ctx, state: HelpState, page: int = 0) -> Question:
    """The open question of a help request: what it asks and what answers it (`page`: the
    screen of a long list of centres shown)."""
    _ = ctx.tr.gettext
    step = state.step
    topic = str(state.topic)
    centre = str(state.centre)
    if step == "topic":
        text = "\n".join(
            [
                _(
                    "I will pass your question to the staff of a centre, and someone will get "
                    "back to you."
                ),
                _("What is it about?"),
            ]
        )
        topics = tuple(
            Choice(
                HelpTopic(t),
                topic_label(ctx, t),
                forms.in_every_language(ctx, partial(topic_label, topic=t)),
            )
            for t in TOPICS
        )
        phones = (Button(_("☎️ I'd rather phone myself"), HelpStep("phones")),)
        return Question("topic", text, topics, per_row=2, extra=(phones,))
    if step == "centre":
        text = "\n".join(
            [
                _("About: {topic}").format(topic=topic_label(ctx, topic)),
                _("Which centre should help you?"),
            ]
        )
        centres = tuple(
            # The centre's own word on the button ("Stene"); its full names typed also fit.
            Choice(
                HelpCentre("c", topic, c.id),
                menu.short_centre(ctx, c.id),
                (ctx.centre_name(c), *c.name.all()),
            )
            for c in ctx.org.centres
            if HelpCentre("c", topic, c.id).fits()
        )
        more = forms.paging(ctx, HelpCentrePage, page)
        return Question("centre", text, centres, per_row=2, paging=more)
    if step == "consent":
        text = "\n".join(
            [
                _("To pass your question on, I keep a few things about you:"),
                _("• your question and its topic"),
                _("• your phone number, if you give it"),
                _("• your name as Telegram shows it"),
                "",
                _(
                    "Only the staff of the centres see it. You can see or delete it at any time "
                    "with “My data” in the menu."
                ),
                _("Is that all right?"),
            ]
        )
        yes_no = (
            Choice(HelpCentre("ok", topic, centre), _("✅ Yes, that is fine"), yes=True),
            Choice(HelpStep("no"), _("No, thank you"), yes=False),
        )
        return Question("consent", text, yes_no)
    if step == "message":
        lines = [_about(ctx, state), ""]
        if state.message:
            lines += [
                _("You wrote: “{message}”").format(message=state.message),
                _("Would you like to add something? Type it in one message, or tap “Skip”."),
            ]
        else:
            lines.append(
                _("Would you like to tell us more? Type it in one message, or tap “Skip”.")
            )
        skip = Choice(HelpStep("skip"), _("Skip ➡️"))
        return Question("message", "\n".join(lines), (skip,), free=forms.FREE_TEXT)
    if step == "phone":
        text = "\n".join(
            [
                _("May the centre phone you? Tap “Share my phone number”, or type your number."),
                _("No phone call? Tap “Skip”."),
            ]
        )
        share = (Button(_("📱 Share my phone number"), request_contact=True),)
        skip = Choice(HelpStep("nophone"), _("Skip ➡️"), yes=False)
        return Question("phone", text, (skip,), free=forms.PHONE, before=(share,))
    if step == "moment":
        moments = tuple(
            Choice(
                HelpMoment(moment),
                moment_button(ctx, moment, day),
                forms.in_every_language(ctx, partial(moment_button, moment=moment, day=day)),
                yes=False if moment == "visit" else None,
                day=None if moment == "visit" else day,
                between=WINDOWS.get(moment[:2]) if moment in CALLS else None,
            )
            for moment, day in available_moments(ctx, centre)
        )
        return Question("moment", _("When may we call you?"), moments)
    text = "\n".join([_("Shall I send this to the staff?"), "", *summary(ctx, state)])
    change = [
        Choice(HelpBack("message"), _("✏️ Change: {what}").format(what=_("your message"))),
        Choice(HelpBack("phone"), _("✏️ Change: {what}").format(what=_("your phone number"))),
    ]
    if state.phone:
        change.append(
            Choice(HelpBack("moment"), _("✏️ Change: {what}").format(what=_("when to call")))
        )
    choices = (
        Choice(HelpStep("send"), _("✅ Yes, send it"), yes=True),
        *change,
        Choice(Help(), _("✏️ Start again")),
    )
    return Question("confirm", text, choices)


def _back_to(state: HelpState) -> str | HelpBack:
    """Where "Back" goes from a step: the question before it."""
    step = state.step
    if step == "phone":
        return HelpBack("message")
    if step == "moment":
        return HelpBack("phone")
    if step == "confirm":
        return HelpBack("moment") if state.phone else HelpBack("phone")
    return "" if step == "topic" else NAME


def ask(ctx: Ctx, state: HelpState, note: str | None = None, page: int = 0) -> Answer:
    """The open question of a help request, with its buttons and a way back (from a later
    screen of centres: to the screen before)."""
    question = question_for(ctx, state, page)
    text = f"{note}\n\n{question.text}" if note else question.text
    back = question.previous() or _back_to(state)
    rows = (
        *question.rows(),
        menu.back_row(ctx, back.pack() if isinstance(back, Payload) else back),
    )
    return _answer(ctx, text, rows)


def ask_topic(ctx: Ctx) -> Answer:
    """First step: what is it about."""
    return ask(ctx, HelpState())


def _about(ctx: Ctx, state: HelpState) -> str:
    _ = ctx.tr.gettext
    return _("{topic} · {centre}").format(
        topic=topic_label(ctx, state.topic), centre=ctx.centre_name(str(state.centre))
    )


def summary(ctx: Ctx, state: HelpState) -> list[str]:
    """The request as the resident will send it, one line per answer."""
    _ = ctx.tr.gettext
    lines = [
        _("Topic: {topic}").format(topic=topic_label(ctx, state.topic)),
        _("Centre: {centre}").format(centre=ctx.centre_name(str(state.centre))),
    ]
    if state.message:
        lines.append(_("Your message: {message}").format(message=state.message))
    if state.phone:
        lines.append(_("Phone: {phone}").format(phone=state.phone))
    day = state.callback_day()
    if state.moment in CALLS:
        lines.append(_("Call: {when}").format(when=moment_phrase(ctx, str(state.moment), day)))
    else:
        lines.append(_("No call: you will come by the centre."))
    return lines


def centre_lines(ctx: Ctx, centre_id: str) -> list[str]:
    """The centre's phone number and its hours today and tomorrow."""
    _ = ctx.tr.gettext
    centre = ctx.org.centre(centre_id)
    if centre is None:
        return []
    lines = []
    if centre.phone:
        lines.append(f"☎️ {ctx.text(centre.name)}: {centre.phone}")
    else:
        lines.append(f"📍 {ctx.text(centre.name)}: {centre.address}")
    today = ctx.now.date()
    lines.append(
        _("🕘 Today: {hours}").format(
            hours=hours.format_intervals(ctx, ctx.calendar.hours_on(centre_id, today))
        )
    )
    lines.append(
        _("🕘 Tomorrow: {hours}").format(
            hours=hours.format_intervals(
                ctx, ctx.calendar.hours_on(centre_id, today + timedelta(days=1))
            )
        )
    )
    return lines


def sent(ctx: Ctx, state: HelpState) -> Answer:
    """What happens next, and how to reach the centre meanwhile."""
    _ = ctx.tr.gettext
    centre = ctx.centre_name(str(state.centre))
    lines = [_("Thank you! I passed your question on to {centre}.").format(centre=centre)]
    if state.moment in CALLS and state.phone:
        lines.append(
            _("Someone will call you {when} on {phone}.").format(
                when=moment_phrase(ctx, str(state.moment), state.callback_day()), phone=state.phone
            )
        )
    else:
        lines.append(_("You are welcome at the centre during its opening hours."))
    lines.append(_("I will tell you here when someone has taken up your question."))
    lines += ["", _("Is it urgent? Phone the centre:"), *centre_lines(ctx, str(state.centre))]
    return _answer(ctx, "\n".join(lines), menu.main_menu(ctx))


def declined(ctx: Ctx) -> Answer:
    """No consent: nothing kept; the centres' numbers instead."""
    _ = ctx.tr.gettext
    answer = basics.talk_to_person(ctx)
    first = answer.replies[0]
    text = _("All right, I did not keep anything.") + "\n\n" + first.text
    answer.replies[0] = Reply(text, first.buttons, language=ctx.lang)
    return answer


def _clean(text: str) -> str:
    """A typed text on one line, no longer than a message to staff may be."""
    return " ".join(text.split())[:MAX_MESSAGE]


# --- staff messages --------------------------------------------------------------------------


def staff_new_request(ctx: Ctx, request: HelpRequest, name: str) -> Reply:
    """For staff: a new request with everything they need to call back, and "Claim"."""
    _ = ctx.tr.gettext
    lines = [
        _("🙋 New help request #{number}").format(number=request.id),
        *_request_lines(ctx, request, name),
    ]
    rows = (
        (Button(_("✋ Claim"), InboxAction("c", request.id)),),
        (Button(_("📥 Inbox"), STAFF),),
    )
    return Reply("\n".join(lines), rows, language=ctx.lang)


def _request_lines(ctx: Ctx, request: HelpRequest, name: str | None) -> list[str]:
    _ = ctx.tr.gettext
    lines = [
        _("From: {name}").format(name=name or _("a resident")),
        _("Topic: {topic}").format(topic=topic_label(ctx, request.topic)),
        _("Centre: {centre}").format(centre=ctx.centre_name(request.centre_id or "")),
    ]
    if request.message:
        lines.append(_("Message: {message}").format(message=request.message))
    lines.append(_("Phone: {phone}").format(phone=request.contact_phone or "—"))
    if request.callback in CALLS:
        lines.append(
            _("Call back: {when}").format(
                when=moment_phrase(ctx, request.callback, request.callback_day)
            )
        )
    else:
        lines.append(_("No call: they will come by the centre."))
    return lines


def resident_notice(ctx: Ctx, request: HelpRequest, kind: str) -> Reply:
    """For the resident: someone has taken up the question, or it is resolved."""
    _ = ctx.tr.gettext
    centre = ctx.centre_name(request.centre_id or "")
    topic = topic_label(ctx, request.topic)
    if kind == NOTICE_CLAIMED:
        lines = [
            _("Good news: someone at {centre} has taken up your question ({topic}).").format(
                centre=centre, topic=topic
            )
        ]
        if request.callback in CALLS and request.contact_phone:
            lines.append(
                _("They will call you {when}.").format(
                    when=moment_phrase(ctx, request.callback, request.callback_day)
                )
            )
    else:
        lines = [
            _(
                "Your question ({topic}) is now handled by {centre}. Thank you for your trust."
            ).format(centre=centre, topic=topic),
            _("Do you need anything else? Just ask me."),
        ]
    return Reply("\n".join(lines), (menu.back_row(ctx),), language=ctx.lang)


# --- the resident's flow ---------------------------------------------------------------------


class HelpFlow(Flow):
    """ "Talk to a person" and the help_request intent: a form of topic, centre, consent,
    message, phone and moment, then a summary to confirm; staff hear of it at once. Each
    question takes a press or typed words (conversations/forms.py); the words that started
    the request are kept as its message."""

    name = NAME
    intents = ("help_request",)

    async def on_intent(self, turn: Turn, understanding: Understanding) -> Answer | None:
        """Start, with the topic, centre and words the question already gives."""
        topic = topic_of(understanding.text, understanding.language)
        centre = understanding.centre
        # "Mijn energiefactuur is te hoog": the staff should read that, not only "money".
        message = _clean(understanding.text) if topic is not None else ""
        answer = await self._start(turn, topic, centre, message)
        answer.centre = centre
        return answer

    async def _start(
        self, turn: Turn, topic: str | None, centre: str | None, message: str = ""
    ) -> Answer:
        """The first question not answered yet."""
        ctx = turn.ctx
        if centre is None and len(ctx.org.centres) == 1:
            centre = ctx.org.centres[0].id
        state = HelpState(topic=topic, centre=centre, message=message)
        if topic not in TOPICS:
            return await self._ask(turn, replace(state, step="topic"))
        if centre is None or ctx.org.centre(centre) is None:
            return await self._ask(turn, replace(state, step="centre", centre=None))
        if not await has_consent(turn.store, turn.user_id):
            return await self._ask(turn, replace(state, step="consent"))
        return await self._ask(turn, replace(state, step="message"))

    async def _ask(
        self, turn: Turn, state: HelpState, note: str | None = None, page: int = 0
    ) -> Answer:
        """Save where the resident is and ask that question."""
        await turn.save_stamped_state(NAME, state.saved())
        turn.asked = question_for(turn.ctx, state, page)
        return ask(turn.ctx, state, note, page)

    async def _state(self, turn: Turn) -> HelpState | None:
        """The fresh state of a request in progress, checked against the data; else None."""
        state = HelpState.load(await turn.fresh_state(NAME))
        if state is None or state.step == "topic":
            return state
        if state.topic not in TOPICS:
            return None
        if state.step == "centre":
            return state
        return state if turn.ctx.org.centre(str(state.centre)) else None

    async def on_button(self, turn: Turn, rest: str) -> Answer | None:
        """Every press of the flow, each checked against what was offered."""
        pressed = unpack_as(f"{NAME}:{rest}" if rest else NAME, *HELP_ANSWERS)
        return None if pressed is None else await self._step(turn, pressed)

    async def _step(self, turn: Turn, pressed: Payload) -> Answer | None:
        """One answer, pressed or typed."""
        ctx = turn.ctx
        if isinstance(pressed, Help):
            await turn.clear_state()
            return await self._ask(turn, HelpState())
        if isinstance(pressed, HelpStep) and pressed.step == "phones":
            await turn.clear_state()
            return basics.talk_to_person(ctx)
        if isinstance(pressed, HelpStep) and pressed.step == "no":
            await turn.clear_state()
            return declined(ctx)
        state = await self._state(turn)
        message = state.message if state is not None else ""
        if isinstance(pressed, HelpCentrePage):
            if state is None:
                return await self._ask(turn, HelpState())  # timed out: start again
            page = pressed.page if state.step == "centre" else 0
            return await self._ask(turn, state, page=page)
        if isinstance(pressed, HelpTopic):
            if pressed.topic not in TOPICS:
                return None
            centre = state.centre if state is not None else None
            return await self._start(turn, pressed.topic, centre, message)
        if isinstance(pressed, HelpCentre):
            if pressed.topic not in TOPICS or ctx.org.centre(pressed.centre) is None:
                return None
            if pressed.step == "ok" and turn.writes:
                await give_consent(
                    turn.store,
                    turn.user_id,
                    ctx.now,
                    name=turn.incoming.display_name,
                    language=ctx.lang,
                )
            return await self._start(turn, pressed.topic, pressed.centre, message)
        if state is None or state.step in ("topic", "centre", "consent"):
            return await self._ask(turn, HelpState())  # timed out: start again
        step = state.step
        if isinstance(pressed, HelpStep) and pressed.step == "skip" and step == "message":
            return await self._to_phone(turn, state)
        if isinstance(pressed, HelpStep) and pressed.step == "nophone" and step == "phone":
            return await self._to_confirm(turn, replace(state, phone="", moment="visit"))
        if isinstance(pressed, HelpMoment) and step == "moment" and state.phone:
            offered = dict(available_moments(ctx, str(state.centre)))
            if pressed.moment not in offered:
                return await self._to_moment(turn, state)
            day = offered[pressed.moment].isoformat()
            return await self._to_confirm(turn, replace(state, moment=pressed.moment, day=day))
        if isinstance(pressed, HelpBack):
            return await self._back(turn, state, pressed.step)
        if isinstance(pressed, HelpStep) and pressed.step == "send" and step == "confirm":
            return await self._send(turn, state)
        return None

    async def _back(self, turn: Turn, state: HelpState, to: str) -> Answer | None:
        if to == "message":
            return await self._ask(turn, replace(state, step="message"))
        if to == "phone":
            return await self._to_phone(turn, state)
        if to == "moment" and state.phone:
            return await self._to_moment(turn, state)
        return None

    async def _to_phone(self, turn: Turn, state: HelpState, note: str | None = None) -> Answer:
        return await self._ask(turn, replace(state, step="phone"), note)

    async def _to_moment(self, turn: Turn, state: HelpState) -> Answer:
        return await self._ask(turn, replace(state, step="moment"))

    async def _to_confirm(self, turn: Turn, state: HelpState) -> Answer:
        return await self._ask(turn, replace(state, step="confirm"))

    async def on_text(self, turn: Turn, saved: dict[str, Any]) -> Answer | None:
        """Typed words as the answer to the open question: a topic, a centre, yes, the
        message, a phone number, a moment; None when they answer none of it."""
        state = await self._state(turn)
        text = _clean(turn.incoming.text)
        if not state or not text:
            return None
        step = state.step
        if step == "topic":
            topic = topic_of(text, turn.ctx.lang)
            if topic is not None:
                message = state.message or text
                return await self._start(turn, topic, state.centre, message)
        fitted = self._fit(turn, state, text)
        if fitted is None:
            u = turn.understanding
            if step != "phone":
                return None
            _ = turn.ctx.tr.gettext
            note = _("That does not look like a phone number.")
            if any(c.isdigit() for c in text):
                return await self._to_phone(turn, state, note)  # a number mistyped
            if u is not None and u.intent == "unknown":
                # Words, not a number and no question of their own: more for the staff to
                # read. They are kept with the message, not lost.
                added = "\n".join(m for m in (state.message, text) if m)[:MAX_MESSAGE]
                note += "\n" + _("I added your words to your message for the staff.")
                return await self._to_phone(turn, replace(state, message=added), note)
            return None
        if fitted.payload is not None:
            return await self._step(turn, fitted.payload)
        if step == "message":
            added = "\n".join(m for m in (state.message, text) if m)
            return await self._to_phone(turn, replace(state, message=added[:MAX_MESSAGE]))
        if step == "phone":
            return await self._to_moment(turn, replace(state, phone=text))
        return None

    def _fit(self, turn: Turn, state: HelpState, text: str) -> forms.Fitted | None:
        day = turn.understanding.date if turn.understanding is not None else None
        return forms.fit(question_for(turn.ctx, state), text, day)

    async def fits(self, turn: Turn, saved: dict[str, Any]) -> bool:
        """Whether the typed text is one of the choices of the open question."""
        state = await self._state(turn)
        if not state:
            return False
        fitted = self._fit(turn, state, _clean(turn.incoming.text))
        return fitted is not None and fitted.payload is not None

    async def holds(self, turn: Turn, saved: dict[str, Any]) -> bool:
        """A request being written waits while a side question is answered."""
        return await self._state(turn) is not None

    async def resume(self, turn: Turn, saved: dict[str, Any]) -> Answer | None:
        """The step they were at, asked again (and its time restarted)."""
        state = await self._state(turn)
        if not state:
            return None
        if state.step == "moment" and not state.phone:
            return await self._to_phone(turn, state)
        return await self._ask(turn, state)

    async def on_contact(self, turn: Turn, saved: dict[str, Any]) -> Answer | None:
        """The phone number shared with Telegram's contact button."""
        state = await self._state(turn)
        if state is None or state.step != "phone":
            return None
        phone = " ".join(turn.incoming.text.split())
        if not phone:
            return None
        if phone[0].isdigit() and not phone.startswith("0"):
            phone = "+" + phone  # Telegram gives international numbers without the plus
        return await self._to_moment(turn, replace(state, phone=phone))

    async def _send(self, turn: Turn, state: HelpState) -> Answer:
        """Store the request, tell the staff of the centre, and tell the resident what next."""
        ctx = turn.ctx
        await turn.clear_state()
        name = turn.incoming.display_name
        moment = state.moment or "visit"
        request_id = await store_help.create(
            turn.store,
            org_id=ctx.org.id,
            resident_id=turn.user_id,
            centre_id=str(state.centre),
            topic=str(state.topic),
            message=state.message,
            contact_phone=state.phone or None,
            callback=moment if moment in MOMENTS else "visit",
            callback_day=state.callback_day(),
            language=ctx.lang,
            now=ctx.now,
            name=name,
        )
        log.info("help request %d stored (topic %s)", request_id, str(state.topic))
        request = await store_help.get(turn.store, ctx.org.id, request_id)
        assert request is not None
        answer = sent(ctx, state)
        answer.replies += await toolkit.to_staff(
            turn, request.centre_id, lambda c: staff_new_request(c, request, name)
        )
        return answer


# --- the staff side --------------------------------------------------------------------------


class HelpStaffFlow(Flow):
    """Staff: the inbox of help requests; claim, add a note, resolve."""

    name = STAFF
    intents = ("inbox",)  # the /inbox command; never an understood intent

    async def on_button(self, turn: Turn, rest: str) -> Answer | None:
        """Every staff press; anyone else is refused whatever the payload."""
        scope = staff_scope(turn)
        if scope is None:
            return toolkit.refusal(turn.ctx)
        if rest == "":
            return await self._inbox(turn, scope, HelpStatus.OPEN, 0)
        listed = Inbox.unpack(f"{STAFF}:{rest}")
        if listed is not None or rest.startswith("l:"):
            shown = [s.value for s in HelpStatus if s is not HelpStatus.CANCELLED]
            if listed is None or listed.status not in shown:
                return await self._inbox(turn, scope, HelpStatus.OPEN, 0)
            return await self._inbox(turn, scope, HelpStatus(listed.status), listed.page or 0)
        pressed = InboxAction.unpack(f"{STAFF}:{rest}")
        if pressed is None:
            return await self._not_found(turn, scope)
        step = pressed.action
        request = await store_help.get(turn.store, turn.ctx.org.id, pressed.request)
        if request is None or request.kind != store_help.HELP_KIND:
            return await self._not_found(turn, scope)
        if not scope.sees(request.centre_id):
            log.info("staff asked for a help request outside their centres")
            return await self._not_found(turn, scope)
        if step == "v":
            return await self._view(turn, request)
        if step == "c":
            return await self._claim(turn, request)
        if step == "r":
            return await self._resolve(turn, request)
        await turn.save_stamped_state(STAFF, NoteState(request.id).saved())
        _ = turn.ctx.tr.gettext
        text = _("Type your note about request #{number} in one message.").format(
            number=request.id
        )
        return _staff_answer(
            turn.ctx, text, (menu.back_row(turn.ctx, InboxAction("v", request.id)),)
        )

    async def on_text(self, turn: Turn, state: dict[str, Any]) -> Answer | None:
        """The note a staff member typed."""
        scope = staff_scope(turn)
        noting = NoteState.load(state)
        if scope is None or noting is None or not is_fresh(state, turn.ctx.now):
            return None
        ctx = turn.ctx
        _ = ctx.tr.gettext
        text = " ".join(turn.incoming.text.split())[:MAX_NOTE]
        if not text:
            return None
        await turn.clear_state()
        request = await store_help.get(turn.store, ctx.org.id, noting.note)
        if request is None or not scope.sees(request.centre_id):
            return await self._not_found(turn, scope)
        who = _staff_name(ctx, turn.user_id) or turn.incoming.display_name or "?"
        stamp = f"{ctx.tr.date(ctx.now, 'short')} {ctx.tr.time(ctx.now)}"
        updated = await store_help.add_note(
            turn.store, ctx.org.id, request.id, f"{stamp} {who}: {text}"
        )
        return await self._view(turn, updated or request, _("Note saved."))

    async def _inbox(self, turn: Turn, scope: StaffScope, status: HelpStatus, page: int) -> Answer:
        ctx = turn.ctx
        centres = scope.centres
        _ = ctx.tr.gettext
        await turn.clear_state()
        counts = await store_help.counts(turn.store, ctx.org.id, centres=centres)
        listed = await store_help.inbox(
            turn.store, ctx.org.id, status, centres=centres, limit=PAGE + 1, offset=page * PAGE
        )
        titles = {
            HelpStatus.OPEN: _("📬 Open"),
            HelpStatus.CLAIMED: _("✋ Claimed"),
            HelpStatus.RESOLVED: _("✅ Resolved"),
        }
        lines = [_("Help requests: {status}").format(status=titles[status])]
        if not listed:
            lines.append(_("None at the moment."))
        rows: list[tuple[Button, ...]] = []
        for request in listed[:PAGE]:
            label = "#{n} {topic} · {centre} · {day}".format(
                n=request.id,
                topic=topic_label(ctx, request.topic),
                centre=ctx.centre_name(request.centre_id or ""),
                day=ctx.tr.date(request.created_at.astimezone(ctx.calendar.tz), "short"),
            )
            rows.append((Button(label, InboxAction("v", request.id)),))
        if len(listed) > PAGE:
            rows.append((Button(_("More ➡️"), Inbox(status.value, page + 1)),))
        rows.append(
            tuple(
                Button(f"{titles[s]} ({counts[s]})", Inbox(s.value))
                for s in (HelpStatus.OPEN, HelpStatus.CLAIMED, HelpStatus.RESOLVED)
            )
        )
        rows.append(menu.back_row(ctx))
        return _staff_answer(ctx, "\n".join(lines), tuple(rows))

    async def _not_found(self, turn: Turn, scope: StaffScope) -> Answer:
        _ = turn.ctx.tr.gettext
        answer = await self._inbox(turn, scope, HelpStatus.OPEN, 0)
        first = answer.replies[0]
        text = _("I cannot find that request, or it is not for your centres.")
        answer.replies[0] = Reply(
            f"{text}\n\n{first.text}", first.buttons, language=first.language
        )
        return answer

    async def _view(self, turn: Turn, request: HelpRequest, note: str | None = None) -> Answer:
        ctx = turn.ctx
        _ = ctx.tr.gettext
        name = None
        if request.resident_id is not None:
            names = await repositories(turn.store).residents.names((request.resident_id,))
            name = names.get(request.resident_id)
        status = {
            HelpStatus.OPEN: _("open"),
            HelpStatus.CLAIMED: _("claimed"),
            HelpStatus.RESOLVED: _("resolved"),
            HelpStatus.CANCELLED: _("cancelled"),
        }[request.status]
        lines = [
            _("Help request #{number} ({status})").format(number=request.id, status=status),
            _("Asked: {when}").format(when=_moment(ctx, request.created_at)),
            *_request_lines(ctx, request, name),
        ]
        if request.claimed_at is not None:
            lines.append(
                _("Taken up by {who}, {when}").format(
                    who=self._who(ctx, request.claimed_by, turn.user_id),
                    when=_moment(ctx, request.claimed_at),
                )
            )
        if request.resolved_at is not None:
            lines.append(_("Resolved: {when}").format(when=_moment(ctx, request.resolved_at)))
        if request.note:
            lines += ["", _("Notes:"), request.note]
        if note:
            lines = [note, "", *lines]
        rows: list[tuple[Button, ...]] = []
        if request.status is HelpStatus.OPEN:
            rows.append((Button(_("✋ Claim"), InboxAction("c", request.id)),))
        if request.status is not HelpStatus.CANCELLED:
            rows.append((Button(_("📝 Add a note"), InboxAction("n", request.id)),))
        if request.status in (HelpStatus.OPEN, HelpStatus.CLAIMED):
            rows.append((Button(_("✅ Resolved"), InboxAction("r", request.id)),))
        rows.append((Button(_("📥 Inbox"), STAFF),))
        rows.append(menu.back_row(ctx))
        return _staff_answer(ctx, "\n".join(lines), tuple(rows))

    def _who(self, ctx: Ctx, staff_id: int | None, me: int) -> str:
        _ = ctx.tr.gettext
        if staff_id == me:
            return _("you")
        return _staff_name(ctx, staff_id) or _("a colleague")

    async def _claim(self, turn: Turn, request: HelpRequest) -> Answer:
        ctx = turn.ctx
        _ = ctx.tr.gettext
        async with turn.store.transaction(immediate=True):
            result = await store_help.claim(
                turn.store, ctx.org.id, request.id, turn.user_id, ctx.now
            )
            if result.outcome is Outcome.DONE and result.request is not None:
                await _notify_resident(turn, result.request, NOTICE_CLAIMED)
        notes = {
            Outcome.DONE: _("You have taken it up. I told the resident."),
            Outcome.ALREADY_YOURS: _("You had already taken this up."),
            Outcome.ALREADY_CLAIMED: _("Someone else has already taken this up."),
            Outcome.ALREADY_RESOLVED: _("This request is already resolved."),
            Outcome.NOT_FOUND: _("This request is no longer open."),
        }
        if result.outcome is Outcome.DONE:
            log.info("help request %d claimed", request.id)
        return await self._view(turn, result.request or request, notes[result.outcome])

    async def _resolve(self, turn: Turn, request: HelpRequest) -> Answer:
        ctx = turn.ctx
        _ = ctx.tr.gettext
        async with turn.store.transaction(immediate=True):
            result = await store_help.resolve(
                turn.store, ctx.org.id, request.id, turn.user_id, ctx.now
            )
            if result.outcome is Outcome.DONE and result.request is not None:
                await _notify_resident(turn, result.request, NOTICE_RESOLVED)
        if result.outcome is Outcome.DONE:
            log.info("help request %d resolved", request.id)
            note = _("Marked as resolved. I told the resident.")
        else:
            note = _("This request is already resolved.")
        return await self._view(turn, result.request or request, note)


def _staff_name(ctx: Ctx, staff_id: int | None) -> str | None:
    member = next((m for m in ctx.org.staff if staff_id and m.telegram_id == staff_id), None)
    return member.name if member else None


def _moment(ctx: Ctx, moment: datetime) -> str:
    local = moment.astimezone(ctx.calendar.tz)
    return f"{ctx.tr.date(local, 'short')} {ctx.tr.time(local)}"


def _staff_answer(ctx: Ctx, text: str, rows: toolkit.Rows) -> Answer:
    return toolkit.answer(ctx, text, rows, intent="unknown")


async def _notify_resident(turn: Turn, request: HelpRequest, kind: str) -> None:
    """Queue the resident's notice in their language (in the caller's transaction)."""
    if request.resident_id is None:
        return  # the resident asked to be forgotten
    lang = request.language or turn.ctx.org.default_language
    reply = resident_notice(toolkit.in_language(turn.ctx, lang), request, kind)
    await outbox.enqueue(
        turn.store,
        chat_id=request.resident_id,
        kind=kind,
        payload=reply_to_payload(reply),
        language=lang,
        due_at=turn.ctx.now,
        now=turn.ctx.now,
        org_id=turn.ctx.org.id,
        ref=f"help:{request.id}",
        dedupe_key=f"help:{request.id}:{kind}",
    )
