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
from dataclasses import dataclass
from datetime import datetime, timedelta

from conversations import residents
from conversations.answer import Answer
from conversations.answers import menu
from conversations.context import Ctx
from conversations.flows.base import Guard, Turn
from conversations.flows.volunteers import ctx_in, staff_ids_for
from conversations.reply import IncomingKind, Reply
from conversations.safety_signals import (
    KINDS,
    MEDICAL,
    SAFETY_DIR,
    SELF_HARM,
    SUICIDE,
    VIOLENCE,
    Signal,
    detect,
)
from conversations.understanding.language import CLEAR_MARGIN, language_scores
from conversations.understanding.lexicon import load_lexicon
from conversations.understanding.text import script_of, words
from storage.model import LANGUAGES

__all__ = ["KINDS", "SAFETY_DIR", "SafetyGuard", "Signal", "detect", "message_language"]

log = logging.getLogger(__name__)

STAFF_ALERT_EVERY = timedelta(minutes=30)  # one resident's repeated alarms reach staff once
MAX_ALERTED = 10_000  # residents remembered for that, so memory stays bounded


@dataclass(frozen=True)
class Helpline:
    """A number to call, and what it is for."""

    name: str
    number: str
    kinds: tuple[str, ...]  # the crisis kinds it is offered for
    languages: tuple[str, ...] = ()  # () : offered whatever the resident's language


EMERGENCY_NUMBER: dict[str, str] = {"BE": "112", "NL": "112"}
"""The emergency number of each country (ambulance, fire, police)."""

HELPLINES: dict[str, tuple[Helpline, ...]] = {
    "BE": (
        Helpline("Zelfmoordlijn", "1813", (SUICIDE, SELF_HARM)),
        Helpline("Tele-Onthaal", "106", (SUICIDE, SELF_HARM, VIOLENCE)),
        Helpline("Hulplijn geweld", "1712", (VIOLENCE,)),  # violence and abuse (Flanders)
        # Tele-Onthaal and the Zelfmoordlijn answer in Dutch; the French-speaking lines:
        Helpline("Centre de Prévention du Suicide", "0800 32 123", (SUICIDE, SELF_HARM), ("fr",)),
        Helpline("Télé-Accueil", "107", (SUICIDE, SELF_HARM, VIOLENCE), ("fr",)),
    ),
    "NL": (
        Helpline("113 Zelfmoordpreventie", "113 · 0800-0113", (SUICIDE, SELF_HARM)),
        Helpline("Veilig Thuis", "0800-2000", (VIOLENCE,)),  # domestic violence and abuse
    ),
}
"""Helplines per country, in the order they are shown."""


# --- what the resident and the staff read -----------------------------------------------------


def message_language(text: str, signal: Signal | None, fallback: str) -> str:
    """The language a message is written in: its script, its words, and the words that fired.

    Not the phone's language nor the one chosen earlier: a crisis is answered in the language
    the person wrote in. `fallback` only when the words say nothing.
    """
    script = script_of(text)
    if script:
        return script
    scores = language_scores(words(text), text, load_lexicon())
    for hit in signal.hits if signal else ():
        scores[hit.language] += len(hit.positions)  # the alarming words are the surest sign
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


def emergency_answer(ctx: Ctx, signal: Signal) -> Answer:
    """Warm and short: call the emergency number, the helplines, and we are still here."""
    _ = ctx.tr.gettext
    emergency = EMERGENCY_NUMBER.get(ctx.org.country, "112")
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
    lines += [
        _("☎️ {name}: {number}").format(name=line.name, number=line.number)
        for line in helplines(ctx.org.country, signal.kind, ctx.lang)
    ]
    lines.append("")
    lines.append(_("You can also talk to someone at a centre: tap “Talk to a person”."))
    return Answer(
        language=ctx.lang,
        intent="help_request",
        replies=[Reply("\n".join(lines), menu.main_menu(ctx), language=ctx.lang)],
        safety=signal.kind,
    )


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

    async def check(self, turn: Turn) -> Answer | None:
        """Let ordinary messages through; answer a crisis at once."""
        incoming = turn.incoming
        if incoming.kind is not IncomingKind.TEXT or not incoming.text.strip():
            return None
        signal = detect(incoming.text)
        if signal is None or not signal.crisis:
            return None
        lang = message_language(incoming.text, signal, turn.ctx.lang)
        ctx = ctx_in(turn.ctx, lang)
        answer = emergency_answer(ctx, signal)
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
        replies = []
        for staff_id in staff_ids_for(turn, None):
            chosen = await residents.chosen_language(turn.store, staff_id)
            staff_ctx = ctx_in(turn.ctx, chosen or turn.ctx.org.default_language)
            text = staff_alert(staff_ctx, turn.incoming.display_name, signal.kind, turn.ctx.now)
            replies.append(Reply(text, recipient=staff_id, language=staff_ctx.lang))
        return replies
