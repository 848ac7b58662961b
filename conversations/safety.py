"""Safety: a message that signals a crisis is answered first, with the emergency numbers.

The signals per language live in data files (conversations/lexicon/safety/<lang>.yaml), read the
same way as the rest of the lexicon: folded words, a trailing * for any ending. Each file also
lists ordinary phrases that only sound alarming ("dying to know", "dood van het lachen"); a
signal inside such a phrase does not count. Every language is checked on every message, because
a resident in crisis may write in another language than the one they chose.

The guard answers at once in the resident's language with the numbers of the organisation's
country, tells the staff (without quoting the message), and leaves the resident where they were:
the menu is right there and any flow they were in stays open. The message text is never logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

import yaml

from conversations import residents
from conversations.answer import Answer
from conversations.answers import menu
from conversations.context import Ctx
from conversations.flows.base import Guard, Turn
from conversations.flows.volunteers import ctx_in, staff_ids_for
from conversations.reply import IncomingKind, Reply
from conversations.understanding.lexicon import PhraseIndex
from conversations.understanding.text import words
from storage.model import LANGUAGES

log = logging.getLogger(__name__)

SAFETY_DIR = Path(__file__).resolve().parent / "lexicon" / "safety"

SUICIDE = "suicide"
SELF_HARM = "self_harm"
VIOLENCE = "violence"
MEDICAL = "medical"
KINDS: tuple[str, ...] = (MEDICAL, SUICIDE, SELF_HARM, VIOLENCE)
"""Crisis kinds, most urgent first: when a message signals several, the first one leads."""

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


@dataclass(frozen=True)
class Signal:
    """A crisis signal found in a message: its kind and the language of the phrase."""

    kind: str
    language: str


@dataclass
class SafetyLexicon:
    """The crisis phrases and the harmless look-alikes of every language."""

    signals: PhraseIndex
    harmless: PhraseIndex


@lru_cache(maxsize=2)
def load_safety(directory: Path = SAFETY_DIR) -> SafetyLexicon:
    """Read every language's safety file once per process."""
    signals, harmless = PhraseIndex(), PhraseIndex()
    for lang in LANGUAGES:
        path = directory / f"{lang}.yaml"
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
        for kind, phrases in (data.get("signals") or {}).items():
            if kind not in KINDS:
                raise ValueError(f"{path.name}: unknown crisis kind {kind!r}")
            for phrase in phrases or ():
                signals.add(str(phrase), (kind, lang))
        for phrase in data.get("harmless") or ():
            harmless.add(str(phrase), ("harmless", lang))
    return SafetyLexicon(signals, harmless)


def detect(text: str, lexicon: SafetyLexicon | None = None) -> Signal | None:
    """The crisis this text signals, or None."""
    lex = lexicon or load_safety()
    tokens = list(words(text))
    if not tokens:
        return None
    found = lex.signals.find(tokens, longest=False)
    if not found:
        return None
    covered = {i for m in lex.harmless.find(tokens, longest=False) for i in range(m.start, m.end)}
    kept = [m for m in found if not any(i in covered for i in range(m.start, m.end))]
    if not kept:
        return None
    best = min(kept, key=lambda m: KINDS.index(m.payload[0]))
    return Signal(kind=best.payload[0], language=best.payload[1])


# --- what the resident and the staff read -----------------------------------------------------


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

    def __init__(self, lexicon: SafetyLexicon | None = None) -> None:
        self.lexicon = lexicon
        self._alerted: dict[int, datetime] = {}

    async def check(self, turn: Turn) -> Answer | None:
        """Let ordinary messages through; answer a crisis at once."""
        incoming = turn.incoming
        if incoming.kind is not IncomingKind.TEXT or not incoming.text.strip():
            return None
        signal = detect(incoming.text, self.lexicon or load_safety())
        if signal is None:
            return None
        lang = turn.reply_language()
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
