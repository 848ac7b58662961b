"""Days and ranges residents name, resolved against the moment of the question.

A small keyword grammar over the lexicon's words (today, weekday names, "next week", holidays,
"25 december"); month names only count next to a day number so "I may come" stays no date.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.easter import easter

from conversations.understanding.lexicon import Lexicon, Match
from conversations.understanding.text import Token

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2,4}))?\b")
_DMY_DOTS = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2,4})?(?!\d)")  # "24.12.2026", "24.12."
# Bits that sit between a day number and its month: "25th of December", "le 1er mai".
_OFFSETS = {"today": 0, "tomorrow": 1, "day_after_tomorrow": 2}
_ORDINAL_GLUE = frozenset(
    {"st", "nd", "rd", "th", "of", "er", "e", "de", "ste", "ten", "te", "ci"}
)


@dataclass
class DateFind:
    """The day or range a message names, and the tokens that named it."""

    date: date | None = None
    until: date | None = None
    used: set[int] = field(default_factory=set)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _on_or_after(today: date, month: int, day: int, year: int | None = None) -> date | None:
    if year is not None:
        if year < 100:
            year += 2000
        return _safe_date(year, month, day)
    found = _safe_date(today.year, month, day)
    if found is None or found < today:
        found = _safe_date(today.year + 1, month, day)
    return found


def holiday_date(rule: dict[str, int], today: date) -> date | None:
    """The next day on or after `today` on which a holiday falls."""
    for year in (today.year, today.year + 1):
        if "easter" in rule:
            day: date | None = easter(year) + timedelta(days=rule["easter"])
        else:
            day = _safe_date(year, rule["month"], rule["day"])
            if day and rule.get("sunday_shift") and day.weekday() == 6:
                day += timedelta(days=rule["sunday_shift"])
        if day and day >= today:
            return day
    return None


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def find_dates(
    tokens: Sequence[Token],
    folded: str,
    lex: Lexicon,
    today: date,
    *,
    skip: Collection[int] = (),
    modifiers: Collection[int] = (),
) -> DateFind:
    """Find the day or range named in a message; `modifiers` are tokens of activity words."""
    found = DateFind()
    days: list[date] = []
    texts = [t.text for t in tokens]

    def tokens_in(start: int, end: int) -> set[int]:
        return {i for i, t in enumerate(tokens) if t.start >= start and t.end <= end}

    for regex, order in ((_ISO, "ymd"), (_DMY_DOTS, "dmy"), (_DMY, "dmy")):
        for m in regex.finditer(folded):
            span = tokens_in(m.start(), m.end())
            if span & found.used:
                continue
            a, b, c = m.group(1), m.group(2), m.group(3)
            if order == "ymd":
                day = _safe_date(int(a), int(b), int(c))
            else:
                first, second = int(a), int(b)
                if second > 12 >= first:  # "12/29": month first, as some phones write it
                    first, second = second, first
                day = _on_or_after(today, second, first, int(c) if c else None)
            if day:
                days.append(day)
                found.used |= span

    matches = [
        m
        for m in lex.dates.find(texts)
        if not any(i in skip or i in found.used for i in range(m.start, m.end))
    ]
    ranges: list[str] = []
    weekdays: list[tuple[int, Match]] = []
    nexts: list[Match] = []
    for m in matches:
        kind, value, _lang = m.payload
        span = set(range(m.start, m.end))
        if kind in ("today", "tomorrow", "day_after_tomorrow"):
            days.append(today + timedelta(days=_OFFSETS[kind]))
        elif kind in ("this_week", "next_week", "weekend", "next_weekend"):
            ranges.append(kind)
        elif kind == "next":
            nexts.append(m)
            continue
        elif kind == "weekday":
            weekdays.append((value, m))
        elif kind == "month":
            day = _month_day(texts, m, today, found.used)
            if day is None:
                continue
            days.append(day[0])
            span |= day[1]
        elif kind == "holiday":
            if _modifies_activity(m, texts, modifiers, lex):
                continue
            rule = lex.holiday_rules.get(value)
            holiday = holiday_date(rule, today) if rule else None
            if holiday is None:
                continue
            days.append(holiday)
        else:
            continue  # not_dates and range words only mask tokens
        found.used |= span

    week = _week_start(today)
    for weekday, m in weekdays:
        near_next = any(abs(n.start - m.start) <= 2 for n in nexts)
        if "next_week" in ranges or near_next:
            days.append(week + timedelta(days=7 + weekday))
            if "next_week" in ranges:
                ranges.remove("next_week")
        else:
            days.append(today + timedelta(days=(weekday - today.weekday()) % 7))
        found.used |= set(range(m.start, m.end))
    for n in nexts:
        found.used |= set(range(n.start, n.end))

    if days:
        days.sort()
        found.date = days[0]
        found.until = days[-1] if days[-1] != days[0] else None
    elif ranges:
        kind = ranges[0]
        if kind == "this_week":
            found.date, found.until = today, week + timedelta(days=6)
        elif kind == "next_week":
            found.date, found.until = week + timedelta(days=7), week + timedelta(days=13)
        else:
            saturday = week + timedelta(days=5 + (7 if kind == "next_weekend" else 0))
            found.date, found.until = max(saturday, today), saturday + timedelta(days=1)
    return found


def _month_day(
    texts: Sequence[str], m: Match, today: date, used: Collection[int]
) -> tuple[date, set[int]] | None:
    """The day number next to a month name ("25 december", "december 25th"), with its tokens."""
    month = m.payload[1]

    def number(i: int) -> int | None:
        if 0 <= i < len(texts) and i not in used and texts[i].isdigit() and len(texts[i]) <= 2:
            value = int(texts[i])
            return value if 1 <= value <= 31 else None
        return None

    def year_at(i: int) -> int | None:
        if 0 <= i < len(texts) and texts[i].isdigit() and len(texts[i]) == 4:
            return int(texts[i])
        return None

    candidates = [(m.start - 1, {m.start - 1})]
    if m.start >= 2 and texts[m.start - 1] in _ORDINAL_GLUE:
        candidates.append((m.start - 2, {m.start - 2, m.start - 1}))
    candidates.append((m.end, {m.end}))
    for i, span in candidates:
        day_number = number(i)
        if day_number is None:
            continue
        after = max(m.end, i + 1)
        year = year_at(after)
        if year:
            span = span | {after}
        day = _on_or_after(today, month, day_number, year)
        if day:
            return day, span
    return None


def _modifies_activity(
    m: Match, texts: Sequence[str], modifiers: Collection[int], lex: Lexicon
) -> bool:
    """ "Christmas lunch", "repas de Noël": the holiday names an activity, not a day."""
    if m.end in modifiers or (m.start - 1) in modifiers:
        return True
    return (m.start - 2) in modifiers and texts[m.start - 1] in lex.stopwords
