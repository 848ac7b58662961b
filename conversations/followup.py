"""Follow-up questions: what the last answer was about fills in what a short question leaves out.

After "Is Stene open tomorrow?", "en morgen?", "and Mariakerke?", "what about the lunch?" or
"а на святвечір?" name only part of a question; the rest (the kind of question, the centre, the
day or range, the activity) comes from the last answer, kept for `KEPT` in the conversation
state (a row of its own kind, `flows.base.TOPIC`, which a flow in progress replaces).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from datetime import date as Day
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from conversations.answer import Answer
from conversations.flows.base import Turn
from conversations.understanding import Understanding
from conversations.understanding.text import fold, tokenize, words
from storage.model import Organisation

KEPT = timedelta(minutes=30)
"""How long an answer's topic carries over to a follow-up; after that a question stands alone."""

QUESTIONS = frozenset({"opening_hours", "contact", "activities", "service_desk"})
"""Intents whose answers have a topic to follow up on."""

_SMALL_TALK = frozenset({"unknown", "thanks", "greeting"})
"""Intents a follow-up word can turn into a follow-up ("peki yarın?": "peki" is also "ok")."""

_WORDS = Path(__file__).resolve().parent / "lexicon" / "followup.yaml"
_ARABIC_AND = "و"  # written glued to the next word: "وغدا" is "and tomorrow"


@dataclass(frozen=True)
class Topic:
    """What one answer was about."""

    intent: str
    at: datetime
    centre: str | None = None
    date: Day | None = None  # `Day`: a field named date hides the type in the class
    until: Day | None = None
    activity: str | None = None
    activities: tuple[str, ...] = ()  # several activities asked about ("the lunch")
    kinds: tuple[str, ...] = ()
    desks: tuple[str, ...] = ()

    def fresh(self, now: datetime) -> bool:
        """Whether a question at `now` may still follow up on this one."""
        return timedelta(0) <= now - self.at <= KEPT

    def to_state(self) -> dict[str, Any]:
        """As kept in the conversation state."""
        return {
            "intent": self.intent,
            "at": self.at.isoformat(),
            "centre": self.centre,
            "date": self.date.isoformat() if self.date else None,
            "until": self.until.isoformat() if self.until else None,
            "activity": self.activity,
            "activities": list(self.activities),
            "kinds": list(self.kinds),
            "desks": list(self.desks),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Topic | None:
        """Read back `to_state`; None for anything unreadable."""
        try:
            at = datetime.fromisoformat(str(state["at"]))
            return cls(
                intent=str(state["intent"]),
                at=at,
                centre=state.get("centre"),
                date=date.fromisoformat(state["date"]) if state.get("date") else None,
                until=date.fromisoformat(state["until"]) if state.get("until") else None,
                activity=state.get("activity"),
                activities=tuple(state.get("activities") or ()),
                kinds=tuple(state.get("kinds") or ()),
                desks=tuple(state.get("desks") or ()),
            )
        except (KeyError, TypeError, ValueError):
            return None


def topic_of(answer: Answer, u: Understanding | None, now: datetime) -> Topic | None:
    """What an answer was about, or None when it answered no question about us."""
    if answer.intent not in QUESTIONS or answer.safety is not None:
        return None
    named = u is not None and u.intent == answer.intent
    return Topic(
        intent=answer.intent,
        at=now,
        centre=answer.centre or (u.centre if named and u else None),
        date=answer.date,
        until=answer.until,
        activity=answer.activity or (u.activity if named and u else None),
        activities=u.activity_candidates if named and u else (),
        kinds=u.activity_kinds if named and u else (),
        desks=u.desks if named and u else (),
    )


async def recall(turn: Turn) -> Topic | None:
    """The topic of this person's last answer, if it is recent; a stale one is forgotten."""
    if not turn.writes:
        return None  # `voordeur ask` answers every question as a first one
    state = await turn.topic()
    if state is None:
        return None
    topic = Topic.from_state(state)
    if topic is None or not topic.fresh(turn.ctx.now):
        await turn.clear_state()
        return None
    return topic


async def remember(turn: Turn, answer: Answer, u: Understanding | None = None) -> None:
    """Keep what this answer was about, for a follow-up question."""
    if not turn.writes:
        return
    topic = topic_of(answer, u, turn.ctx.now)
    if topic is not None:
        await turn.save_topic(topic.to_state())


@cache
def _connectors() -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """Every language's follow-up words, folded: (at the start, at the end)."""
    with open(_WORDS, encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    lead: set[tuple[str, ...]] = set()
    trail: set[tuple[str, ...]] = set()
    for entry in data.values():
        lead |= {words(str(p)) for p in entry.get("lead") or ()}
        trail |= {words(str(p)) for p in entry.get("trail") or ()}
    return frozenset(p for p in lead if p), frozenset(p for p in trail if p)


def _tokens(text: str) -> list[str]:
    return [t.text for t in tokenize(fold(text))]


def continues(text: str) -> bool:
    """Whether a message opens or ends with a follow-up word ("and ...", "... too?")."""
    tokens = _tokens(text)
    if not tokens:
        return False
    lead, trail = _connectors()
    if any(tuple(tokens[: len(p)]) == p for p in lead):
        return True
    if any(len(tokens) > len(p) and tuple(tokens[-len(p) :]) == p for p in trail):
        return True
    first = tokens[0]
    return first.startswith(_ARABIC_AND) and len(first) > 2


def without_connector(text: str) -> str | None:
    """The message without its opening follow-up word, to read again ("وغدا" -> "غدا")."""
    stripped = text.strip()
    if stripped.startswith(_ARABIC_AND) and len(stripped) > 2 and stripped[1] != " ":
        return stripped[1:]
    tokens = tokenize(fold(stripped))
    lead, _trail = _connectors()
    texts = [t.text for t in tokens]
    for size in sorted({len(p) for p in lead}, reverse=True):
        if len(tokens) > size and tuple(texts[:size]) in lead:
            # Folding keeps offsets for these scripts, so the cut falls between the same words.
            return fold(stripped)[tokens[size].start :]
    return None


def names_something(u: Understanding) -> bool:
    """Whether a message names a day, a centre, an activity or a desk topic."""
    return bool(
        u.date
        or u.centre
        or u.centre_candidates
        or u.activity
        or u.activity_candidates
        or u.activity_kinds
        or u.desks
    )


def is_follow_up(u: Understanding, connected: bool) -> bool:
    """Whether a message only makes sense with the last answer: it names a part of a question
    without asking one of its own, or it says it goes on ("and ...") and asks one of ours."""
    if not names_something(u):
        return False
    if u.intent in _SMALL_TALK and (u.intent == "unknown" or connected):
        return True
    if u.intent in QUESTIONS:
        return not u.stated or connected
    return False


def _names_activity(u: Understanding) -> bool:
    return bool(u.activity or u.activity_candidates or u.activity_kinds)


def fill(u: Understanding, topic: Topic, org: Organisation, connected: bool) -> Understanding:
    """The question a follow-up asks: what it names, the rest from the last answer's topic."""
    if u.intent in QUESTIONS and u.stated:
        intent = u.intent  # "and the opening hours?": its own question, the topic's place
    elif u.desks and not _names_activity(u):
        intent = "service_desk"
    elif _names_activity(u):
        intent = "activities"
    elif topic.intent == "contact" and u.date is not None:
        intent = "opening_hours"  # "and on Friday?" after an address: is it open then
    else:
        intent = topic.intent
    centre = u.centre
    candidates = u.centre_candidates
    if centre is None and not candidates:
        centre = topic.centre
    day, until = (u.date, u.until) if u.date is not None else (topic.date, topic.until)
    if intent == "contact":
        day, until = None, None
    activity, activities, kinds = u.activity, u.activity_candidates, u.activity_kinds
    if intent == "activities" and not _names_activity(u) and topic.intent == "activities":
        # Same activities, perhaps elsewhere: keep those held at the centre now asked about.
        ids = [i for i in (topic.activity, *topic.activities) if i]
        held = [i for i in ids if _held_at(org, i, centre)]
        activity = held[0] if len(held) == 1 else None
        activities = tuple(held) if len(held) > 1 else ()
        kinds = topic.kinds if not held else ()
        if not held and not kinds and ids:
            kinds = _kinds_of(org, ids)
    desks = u.desks or (topic.desks if intent == "service_desk" else ())
    if intent == "service_desk" and not u.desks and u.centre and topic.desks:
        desks = ()  # another centre's desks: the centre's own (service_desks by centre)
    return replace(
        u,
        intent=intent,
        centre=centre,
        centre_candidates=candidates if centre is None else (),
        date=day,
        until=until,
        activity=activity,
        activity_candidates=activities,
        activity_kinds=kinds,
        desks=desks,
        stated=True,
    )


def _held_at(org: Organisation, activity_id: str, centre: str | None) -> bool:
    activity = org.activity(activity_id)
    return activity is not None and (centre is None or centre in activity.centres)


def _kinds_of(org: Organisation, ids: list[str]) -> tuple[str, ...]:
    """The kinds all the given activities share ("lunch"), to look for them elsewhere."""
    found = [set(a.kinds) for i in ids if (a := org.activity(i)) is not None]
    return tuple(sorted(set.intersection(*found))) if found else ()
