"""Safety: a message that signals a crisis is answered first, with the emergency numbers.

What counts as a crisis is found by conversations/safety_signals.py, from patterns per language
in data files (conversations/lexicon/safety/<lang>.yaml). Every language is checked on every
message, because a resident in crisis may write in another language than the one they chose, and
the answer is in the language the message is written in.

The guard answers at once in the resident's language with the numbers of the organisation's
country, tells the staff (without quoting the message), and leaves the resident where they were:
the menu is right there and any flow they were in stays open. The message text is never logged.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from conversations.answer import Answer
from conversations.answers import menu
from conversations.context import Ctx
from conversations.flows import toolkit
from conversations.flows.base import Guard, Turn
from conversations.i18n import normalise_language
from conversations.reply import Button, Incoming, IncomingKind, Reply
from conversations.safety_signals import (
    CRISIS,
    DISTRESS,
    KINDS,
    MEDICAL,
    SAFETY_DIR,
    SELF_HARM,
    SUICIDE,
    VIOLENCE,
    Signal,
    detect,
    load_model,
    load_signals,
)
from conversations.understanding.language import CLEAR_MARGIN, language_scores
from conversations.understanding.lexicon import load_lexicon
from conversations.understanding.text import script_of, words
from conversations.understanding.unsupported import unsupported_language
from storage.model import LANGUAGES

__all__ = [
    "KINDS",
    "RESUME",
    "SAFETY_DIR",
    "SafetyGuard",
    "Signal",
    "attend",
    "detect",
    "message_language",
]

log = logging.getLogger(__name__)

RUSSIAN, UKRAINIAN = "ru", "uk"

STAFF_ALERT_EVERY = timedelta(minutes=30)  # one resident's repeated alarms reach staff once
MAX_ALERTED = 10_000  # residents remembered for that, so memory stays bounded


SUICIDE_LINE, LISTENING_LINE, VIOLENCE_LINE = "suicide", "listen", "violence"
RESUME = "sf:resume"  # the button that takes the resident back into the flow a crisis interrupted
MEETING_KINDS = frozenset({"meeting", "coffee", "meal", "lunch"})  # where lonely people meet


@dataclass(frozen=True)
class Helpline:
    """A number to call, and what it is for."""

    name: str  # its own name, as the line calls itself
    number: str
    kinds: tuple[str, ...]  # the crisis kinds (and DISTRESS) it is offered for
    languages: tuple[str, ...] = ()  # () : offered whatever the resident's language
    what: str = LISTENING_LINE  # what kind of line, said in the resident's language


EMERGENCY_NUMBER: dict[str, str] = {"BE": "112", "NL": "112"}
"""The emergency number of each country (ambulance, fire, police)."""

HELPLINES: dict[str, tuple[Helpline, ...]] = {
    "BE": (
        Helpline("Zelfmoordlijn", "1813", (SUICIDE, SELF_HARM), what=SUICIDE_LINE),
        Helpline("Tele-Onthaal", "106", (SUICIDE, SELF_HARM, VIOLENCE, DISTRESS)),
        # violence and abuse (Flanders)
        Helpline("Hulplijn 1712", "1712", (VIOLENCE,), what=VIOLENCE_LINE),
        # Tele-Onthaal and the Zelfmoordlijn answer in Dutch; the French-speaking lines:
        Helpline(
            "Centre de Prévention du Suicide",
            "0800 32 123",
            (SUICIDE, SELF_HARM),
            ("fr",),
            SUICIDE_LINE,
        ),
        Helpline("Télé-Accueil", "107", (SUICIDE, SELF_HARM, VIOLENCE, DISTRESS), ("fr",)),
    ),
    "NL": (
        Helpline(
            "113 Zelfmoordpreventie", "113 · 0800-0113", (SUICIDE, SELF_HARM), (), SUICIDE_LINE
        ),
        # domestic violence and abuse
        Helpline("Veilig Thuis", "0800-2000", (VIOLENCE,), what=VIOLENCE_LINE),
        Helpline("De Luisterlijn", "088 0767 000", (DISTRESS,)),
    ),
}
"""Helplines per country, in the order they are shown."""


# --- what the resident and the staff read -----------------------------------------------------


def message_language(
    text: str, signal: Signal | None, fallback: str, around: Collection[str | None] = ()
) -> str:
    """The language a message is written in: its script, its words, and the words that fired.

    Not the phone's language nor the one chosen earlier: a crisis is answered in the language
    the person wrote in; in English when that is a language we do not speak (Spanish, Russian,
    Persian...), the language most likely read. `fallback` only when the words say nothing.
    Russian from a Ukrainian phone, choice or conversation (`fallback` or `around`) is answered
    in Ukrainian, the nearest language we speak: many Ukrainians write Russian.
    """
    tokens = words(text)
    other = unsupported_language(tokens, text, load_lexicon())
    if other == RUSSIAN and UKRAINIAN in {fallback, *around}:
        return UKRAINIAN
    if other is not None:
        return "en"
    script = script_of(text)
    if script:
        return script
    scores = language_scores(tokens, text, load_lexicon())
    for hit in signal.hits if signal else ():
        # The alarming words are the surest sign; a Persian pattern's (EXTRA_LANGUAGES) is none.
        if hit.language in scores:
            scores[hit.language] += len(hit.positions)
    best = max(LANGUAGES, key=lambda lang: scores[lang])
    if scores[best] <= 0:
        return fallback
    tied = [lang for lang in LANGUAGES if scores[best] - scores[lang] < CLEAR_MARGIN]
    return fallback if fallback in tied else best


def helplines(country: str, kind: str, lang: str) -> list[Helpline]:
    """The helplines of a country for one kind of crisis, for a resident writing in `lang`."""
    return [
        line
        for line in HELPLINES.get(country, ())
        if kind in line.kinds and (not line.languages or lang in line.languages)
    ]


def helpline_line(ctx: Ctx, line: Helpline) -> str:
    """One helpline: its number, its own name, and what it is for in the resident's language."""
    _ = ctx.tr.gettext
    what = {
        SUICIDE_LINE: _("for thoughts of suicide, free, day and night"),
        LISTENING_LINE: _("someone who listens, anonymous, day and night"),
        VIOLENCE_LINE: _("for violence and abuse, free and anonymous"),
    }[line.what]
    return _("☎️ {number} – {name}: {what}").format(number=line.number, name=line.name, what=what)


def person_buttons(ctx: Ctx, resumable: bool) -> tuple[tuple[Button, ...], ...]:
    """A person first, then back into what they were doing, then the menu: not nine buttons."""
    _ = ctx.tr.gettext
    rows: list[tuple[Button, ...]] = [(Button(_("🙋 Talk to a person"), menu.PERSON),)]
    if resumable:
        rows.append((Button(_("↩️ Continue where we were"), RESUME),))
    rows.append((Button(_("🏠 Menu"), menu.MENU),))
    return tuple(rows)


def emergency_answer(ctx: Ctx, signal: Signal, resumable: bool = False) -> Answer:
    """The numbers first, one kind sentence, what each line is for, and a way to a person."""
    _ = ctx.tr.gettext
    emergency = EMERGENCY_NUMBER.get(ctx.org.country, "112")
    lines_for = helplines(ctx.org.country, signal.kind, ctx.lang)
    # The reply starts with the numbers (contracts §2): someone in danger reads no further.
    head = "🆘 " + " · ".join(dict.fromkeys([emergency, *(line.number for line in lines_for)]))
    if signal.kind == MEDICAL:
        lines = [
            _("This sounds urgent. Please call {number} now: it is free, day and night.").format(
                number=emergency
            ),
            _(
                "Stay with the person if you can. The people at {number} tell you what to do."
            ).format(number=emergency),
        ]
    elif signal.kind == VIOLENCE:
        lines = [
            _("I am sorry this is happening to you. You do not have to face it alone."),
            _("If you are in danger now, call {number}: it is free, day and night.").format(
                number=emergency
            ),
        ]
    else:
        lines = [
            _("I am sorry you feel this way. You do not have to carry this alone."),
            _("If you are in danger now, call {number}: it is free, day and night.").format(
                number=emergency
            ),
        ]
    lines = [head, *lines, *(helpline_line(ctx, line) for line in lines_for)]
    lines.append("")
    lines.append(_("You can also talk to someone at a centre: tap “Talk to a person”."))
    return Answer(
        language=ctx.lang,
        intent="help_request",
        replies=[Reply("\n".join(lines), person_buttons(ctx, resumable), language=ctx.lang)],
        safety=signal.kind,
    )


def meeting_titles(ctx: Ctx, limit: int = 3) -> list[str]:
    """Activities where people meet (coffee, meals), by name, for someone who feels alone."""
    titles = [ctx.text(a.title) for a in ctx.org.activities if MEETING_KINDS & set(a.kinds)]
    return list(dict.fromkeys(titles))[:limit]


def distress_lines(ctx: Ctx) -> list[str]:
    """A kind word, a listening line, and where to meet people."""
    _ = ctx.tr.gettext
    lines = [
        _(
            "I am sorry you feel this way. You are not alone: you are welcome at our centres, "
            "and there are people to talk to."
        ),
        *(helpline_line(ctx, line) for line in helplines(ctx.org.country, DISTRESS, ctx.lang)),
    ]
    titles = meeting_titles(ctx)
    if titles:
        lines.append(_("Come and meet people: {activities}.").format(activities=", ".join(titles)))
    return lines


def distress_answer(ctx: Ctx) -> Answer:
    """Loneliness or grief without danger: kindness, a person, a listening line, company."""
    _ = ctx.tr.gettext
    lines = [
        *distress_lines(ctx),
        "",
        _("Would you like someone from the centre to get in touch? Tap “Talk to a person”."),
    ]
    rows = (
        (Button(_("🙋 Talk to a person"), menu.PERSON),),
        (Button(_("📅 What's on"), menu.WHATSON),),
        (Button(_("🏠 Menu"), menu.MENU),),
    )
    return Answer(
        language=ctx.lang,
        intent="help_request",
        replies=[Reply("\n".join(lines), rows, language=ctx.lang)],
        safety=DISTRESS,
    )


ANSWERED_BY_DISTRESS = frozenset({"unknown", "greeting", "thanks", "bot_help", "help_request"})
"""Intents whose ordinary answer says nothing to someone who wrote that they feel alone."""


def possible_lines(ctx: Ctx, signal: Signal) -> list[str]:
    """For a message that may be a crisis: the numbers, gently, before the normal answer."""
    _ = ctx.tr.gettext
    emergency = EMERGENCY_NUMBER.get(ctx.org.country, "112")
    return [
        _(
            "If you or someone near you is in danger or needs urgent help, call {number}: it is "
            "free, day and night."
        ).format(number=emergency),
        *(helpline_line(ctx, line) for line in helplines(ctx.org.country, signal.kind, ctx.lang)),
        _("If you would like to talk to someone from the centre, tap “Talk to a person”."),
    ]


def attend(ctx: Ctx, incoming: Incoming, answer: Answer) -> Answer:
    """After the normal answer: a message that is only possibly a crisis gets the numbers,
    gently, before that answer; loneliness or grief gets a kind answer instead of "I did not
    understand", or a kind word before the answer to the question they also asked."""
    if incoming.kind is not IncomingKind.TEXT or answer.safety is not None:
        return answer
    signal = detect(incoming.text, lang=ctx.lang)
    if signal is None or (answer.form_choice and not signal.hits):
        return answer  # nothing, or only the model on a choice we offered (SafetyGuard.check)
    if signal.crisis:  # a certain one was answered by the guard: this one is only possible
        _ = ctx.tr.gettext
        note = Reply(
            "\n".join(possible_lines(ctx, signal)),
            ((Button(_("🙋 Talk to a person"), menu.PERSON),),),
            language=ctx.lang,
        )
        answer.replies = [note, *answer.replies]
        answer.safety = signal.kind  # `ask --json` reports the kind for both tiers
        return answer
    if signal.kind != DISTRESS:
        return answer
    if answer.intent in ANSWERED_BY_DISTRESS:
        kind = distress_answer(ctx)
        kind.replies += [r for r in answer.replies if r.recipient is not None]  # staff notes
        return kind
    note = Reply("\n".join(distress_lines(ctx)), language=ctx.lang)
    answer.replies = [note, *answer.replies]
    answer.safety = DISTRESS
    return answer


def kind_label(ctx: Ctx, kind: str) -> str:
    """What a crisis kind is called in a staff alert."""
    _ = ctx.tr.gettext
    labels = {
        SUICIDE: _("thoughts of suicide"),
        SELF_HARM: _("self-harm"),
        VIOLENCE: _("violence or threats"),
        MEDICAL: _("a medical emergency"),
    }
    return labels.get(kind, kind)


def staff_alert(ctx: Ctx, name: str, kind: str, at: datetime) -> str:
    """For staff: who may be in crisis and what it sounds like; never the words themselves."""
    _ = ctx.tr.gettext
    return "\n".join(
        [
            _("⚠️ Safety alert at {time}").format(time=ctx.tr.time(at)),
            _("{name} wrote a message that may mean {kind}.").format(
                name=name or _("A resident"), kind=kind_label(ctx, kind)
            ),
            _("I sent them the emergency numbers. Please reach out to them if you can."),
        ]
    )


class SafetyGuard(Guard):
    """Answers a crisis signal before anything else, and alerts staff."""

    def __init__(self) -> None:
        self._alerted: dict[int, datetime] = {}
        # Read the crisis lexicon and classifier now, while the bot starts (a few seconds on a
        # busy machine): the first resident after a restart must not wait for them.
        load_signals()
        load_model()

    async def check(self, turn: Turn) -> Answer | None:
        """Let ordinary messages through; answer a crisis at once."""
        incoming = turn.incoming
        if incoming.kind is not IncomingKind.TEXT or not incoming.text.strip():
            return None
        signal = detect(incoming.text, lang=turn.ctx.lang)
        # Only a certain signal comes first; a possible one gets the numbers beside the normal
        # answer (`attend`), so "is there a talk on domestic violence at home" still gets one.
        if signal is None or not signal.crisis or signal.level != CRISIS:
            return None
        if turn.form_choice and not signal.hits:
            # Only the trained model spoke, and the words are a choice we just offered
            # ("zoutarm" for the meal): an answer to our question, not a crisis.
            return None
        phone = normalise_language(incoming.client_language)
        lang = message_language(
            incoming.text, signal, turn.ctx.lang, (phone, turn.chosen_language)
        )
        ctx = toolkit.in_language(turn.ctx, lang)
        resumable = turn.writes and await turn.state() is not None
        answer = emergency_answer(ctx, signal, resumable)
        # `voordeur ask` only shows the answer; it alerts nobody.
        if turn.writes and self._should_alert(turn.user_id, ctx.now):
            answer.replies += await self._alerts(turn, signal)
        log.warning("safety guard answered a %s signal", signal.kind)
        return answer

    def _should_alert(self, user_id: int, now: datetime) -> bool:
        """Staff hear of one resident at most once per STAFF_ALERT_EVERY."""
        last = self._alerted.get(user_id)
        if last is not None and timedelta(0) <= now - last < STAFF_ALERT_EVERY:
            return False
        if len(self._alerted) >= MAX_ALERTED:
            self._alerted.clear()
        self._alerted[user_id] = now
        return True

    async def _alerts(self, turn: Turn, signal: Signal) -> list[Reply]:
        """One alert per staff member, in that member's language."""
        return await toolkit.to_staff(
            turn,
            None,
            lambda c: staff_alert(c, turn.incoming.display_name, signal.kind, turn.ctx.now),
        )
