"""Days and ranges residents name, resolved against the moment of the question.

A small keyword grammar over the lexicon's words (today, weekday names, "next week", holidays,
"25 december", "le 29", "29th"); month names only count next to a day number so "I may come"
stays no date. A day written out beats a weekday next to it ("dinsdag 29 december"), and a
holiday whose name holds a weekday ("paasmaandag", "اثنين الفصح") beats that weekday. A day or
month name with one letter wrong ("vrydag", "mitwoch", "czwartk") still names it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dateutil.easter import easter
from rapidfuzz import process
from rapidfuzz.distance import OSA

from conversations.understanding.lexicon import Lexicon, Match, longest_only
from conversations.understanding.reasons import clauses
from conversations.understanding.spoken import written_form
from conversations.understanding.text import Token, tokenize

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2,4}))?\b")
_DMY_DOTS = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2,4})?(?!\d)")  # "24.12.2026", "24.12."
# "26.03" with no dot after: a day and month only when it cannot be a clock time ("10.30",
# "14.15") nor a price ("3.10 euro"): the day is past 24, or the "minutes" are a month that is
# no multiple of five (clock times are said in fives: "9.05" is rare, "15.03" is 15 March).
_DM_DOT = re.compile(
    r"(?<![\d.,€$])\b(\d{1,2})\.(0[1-9]|1[0-2])\b(?![.,:]?\d)(?!\s*(?:€|eur|euro|zl|tl|\$))"
)
# Bits that sit between a day number and its month: "25th of December", "le 1er mai".
_OFFSETS = {"today": 0, "tomorrow": 1, "day_after_tomorrow": 2}
_ORDINAL_GLUE = frozenset(
    {"st", "nd", "rd", "th", "of", "er", "e", "de", "ste", "ten", "te", "ci"}
)
# What glues a case ending to a day number: "29'unda" (Turkish), "29-го" (Ukrainian, Russian)
_GLUE = frozenset({"'", "-"})
_NEAR = 2  # tokens between a weekday and the date it belongs to ("dinsdag 29 december")
TYPO_MIN = 5  # shorter day and month names have too many neighbours to correct ("mars", "maj")
# Name starts ("sobot*", "неділ*") take any ending, so only longer ones are read with a typo:
# "robota" is no Saturday, "недолік" no Sunday
# In Arabic one letter away from a day name is another word: اثنان (two) is no اثنين (Monday)
_NO_TYPOS = frozenset({"ar"})
_GLUED_ARABIC = frozenset("لبفوك")  # one-letter words written onto the next: to, in, and, as
_TIMETABLE = frozenset({"opening_hours", "activities", "service_desk"})
_SEEN_TYPOS = 20_000  # remembered words before the memory is cleared


@dataclass
class DateFind:
    """The day or range a message names, and the tokens that named it."""

    # datetime.date: in the class body `date` is the field above, not the type
    date: datetime.date | None = None
    until: datetime.date | None = None
    used: set[int] = field(default_factory=set)
    # Today's weekday named alone ("pazartesi" on a Monday): today while what is asked about is
    # still ahead today, else that weekday next week; the caller, who knows the data, decides.
    same_weekday: bool = False
    # The days a holiday named alone stands for when what is on is asked ("zu Ostern": Good
    # Friday to Easter Monday; "before christmas": from today to Christmas Eve); None otherwise.
    period: tuple[datetime.date, datetime.date] | None = None
    # A word for "now" ("nu", "jetzt", "teraz"): today, where the question is about opening
    # hours or a desk and names no other day (the understander decides; docs/dates.md "Now").
    now: bool = False


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


def _day_of_month(today: date, number: int, weekday: int | None = None) -> date | None:
    """The next day numbered `number` from today on; on that weekday too when one is named."""
    plain: date | None = None
    for ahead in range(15):
        month = today.month - 1 + ahead
        day = _safe_date(today.year + month // 12, month % 12 + 1, number)
        if day is None or day < today:
            continue
        if weekday is None or day.weekday() == weekday:
            return day
        plain = plain or day
    return plain


def holiday_date(
    rule: dict[str, Any],
    today: date,
    country: str | None = None,
    bridge: Callable[[date], date | None] | None = None,
) -> date | None:
    """The next day on or after `today` on which a holiday falls (in `country`, where it
    differs: Sinterklaas is the 5th in the Netherlands, the 6th in Belgium). A bridge day
    (`bridge: true`) is what `bridge` finds in the organisation's calendar, where one is known."""
    if rule.get("bridge") and bridge is not None:
        return bridge(today)
    rule = {**rule, **(rule.get("by_country") or {}).get(country or "", {})}
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


def _kinds_at(lex: Lexicon, text: str) -> set[str]:
    """The date-word kinds a single word has ("op": on, "th": day_after)."""
    return {p[0] for p in lex.dates.lookup_word(text)}


def _date_matches(lex: Lexicon, texts: Sequence[str], blocked: Collection[int]) -> list[Match]:
    """Date words in the message; where a holiday's name holds a weekday, the holiday wins."""
    every = [
        m
        for m in lex.dates.find(texts, longest=False)
        if not any(i in blocked for i in range(m.start, m.end))
    ]
    holidays = longest_only([m for m in every if m.payload[0] == "holiday"])
    taken = {i for m in holidays for i in range(m.start, m.end)}
    rest = longest_only(
        [
            m
            for m in every
            if m.payload[0] != "holiday" and not any(i in taken for i in range(m.start, m.end))
        ]
    )
    return sorted(holidays + rest, key=lambda m: (m.start, m.end))


def _typo_names(lex: Lexicon) -> dict[str, list[tuple[Any, ...]]]:
    """The day and month names long enough to correct, "ij" written as "y", once per lexicon."""
    if not lex.typo_names:
        for name, payloads in lex.day_names.items():
            if len(name) >= TYPO_MIN:
                lex.typo_names.setdefault(name.replace("ij", "y"), []).extend(payloads)
    return lex.typo_names


def _typo_payloads(lex: Lexicon, token: str) -> tuple[tuple[Any, ...], ...]:
    """What a day or month name one letter away from `token` means ("vrydag": Friday); nothing
    when no single name is that close. "y" reads as Dutch "ij"."""
    seen = lex.day_typos.get(token)
    if seen is not None:
        return seen
    if len(lex.day_typos) > _SEEN_TYPOS:
        lex.day_typos.clear()
    word = token.replace("ij", "y")
    names = _typo_names(lex)
    payloads: list[tuple[Any, ...]] = []
    for hit, _, _ in process.extract(
        word, list(names), scorer=OSA.distance, score_cutoff=1, limit=None
    ):
        payloads += names[hit]
    for stem, meanings in lex.day_stems.items():
        # "pazartes", "czwartk": the name's start, one letter off, with any ending after it
        if len(stem) > TYPO_MIN and any(
            OSA.distance(word[:size], stem, score_cutoff=1) <= 1
            for size in (len(stem) - 1, len(stem), len(stem) + 1)
            if size <= len(word)
        ):
            payloads += meanings
    meanings_found = {(p[0], p[1]) for p in payloads if p[2] not in _NO_TYPOS}
    result = (
        tuple(p for p in payloads if p[2] not in _NO_TYPOS) if len(meanings_found) == 1 else ()
    )
    lex.day_typos[token] = result
    return result


def _near_day(lex: Lexicon, text: str) -> bool:
    """Whether a word only looks like a day or month name ("robota", "środek", "серед")."""
    return text in lex.near_days or any(text.startswith(s) for s in lex.near_day_stems)


def _as_written(lex: Lexicon, token: Token, folded: str) -> Token:
    """The word as the resident wrote it where the general typo reading made it a day or month
    name: whether it is one is for the stricter reading here ("серед" is no "середа")."""
    if token.text not in lex.day_names:
        return token
    written = tokenize(folded[token.start : token.end])
    if len(written) != 1 or written[0].text == token.text:
        return token
    # "maondag", "zaoterdag": a spoken form of the name is the name (understanding/spoken.py).
    if written_form(written[0].text, lex, lambda word, _: word == token.text) is not None:
        return token
    return Token(written[0].text, token.start, token.end)


def _unglued(lex: Lexicon, token: Token) -> Token:
    """A date word with an Arabic one-letter preposition written onto it ("لعيد": to the
    feast, "بدجنبر": in December) as the date word."""
    text = token.text
    if (
        len(text) > 3
        and text[0] in _GLUED_ARABIC
        and text not in lex.dates.words
        and text[1:] in lex.dates.words
    ):
        return Token(text[1:], token.start, token.end)
    return token


def _typo_days(
    lex: Lexicon, texts: Sequence[str], blocked: Collection[int], known: Collection[str]
) -> list[Match]:
    """Day and month names with one letter wrong, among words that are no other known word."""
    found: list[Match] = []
    for i, text in enumerate(texts):
        if (
            i in blocked
            or len(text) < TYPO_MIN
            or not text.isalpha()
            or text in known
            or _near_day(lex, text)
            or any(text in words for words in lex.vocabulary.values())
        ):
            continue
        found += [Match(i, i + 1, p) for p in _typo_payloads(lex, text)]
    return found


def _weak_weekdays(
    lex: Lexicon, tokens: Sequence[Token], folded: str, blocked: Collection[int]
) -> list[Match]:
    """Short day names that are other words too ("zo", "mer", "Di"): only with a sign of a date,
    a dot ("Di."), a day number next to it, a word such as "op"/"on" before it, or at the end of
    a message in their language."""
    texts = [t.text for t in tokens]
    found: list[Match] = []
    for m in lex.weak_weekdays.find(texts):
        if any(i in blocked for i in range(m.start, m.end)):
            continue
        end = tokens[m.end - 1].end
        number = m.end < len(texts) and texts[m.end].isdigit()
        # After "op", "on", "w", but not after an article: "the sun", "le mer" are no days
        previous = texts[m.start - 1] if m.start > 0 else ""
        # "Di." with its dot, but not a sentence's last word after an article ("à la mer.")
        dotted = folded[end : end + 1] == "." and previous not in lex.determiners
        # ... in the same sentence: "la semaine prochaine ? Mon médecin dit ..." is French "my"
        sentence_apart = m.start > 0 and bool(
            _SENTENCE_END.search(folded, tokens[m.start - 1].end, tokens[m.start].start)
        )
        before = (
            previous not in lex.determiners
            and not sentence_apart
            and bool(_kinds_at(lex, previous) & {"at_day", "next"})
        )
        # At the end only in a message in that language: "mı" ends Turkish questions, not "Mi"
        others = [t for i, t in enumerate(texts) if not m.start <= i < m.end]
        last = (
            m.end == len(texts)
            and m.start > 0
            and texts[m.start - 1] not in lex.stopwords  # "la mer", "the sun", "ik ben er zo"
            and _asks_a_timetable(lex, texts)
            and _mostly_in(lex, others, m.payload[1])
        )
        # "is Stene open sat?", "open zo": right after a word of its language asking for opening
        # hours, at the end or before a day number, in a message of several languages' words
        hours_word = (
            m.start > 0
            and (m.end == len(texts) or number)
            and any(
                p[0] == "opening_hours" and p[2] == m.payload[1]  # "açık mı" is no Mittwoch
                for p in lex.intents.lookup_word(previous)
            )
        )
        # "eikenhof ma open?", "Kastanje zo open", "jeu ouvert ?": right before a word of its
        # language asking whether we are open, after a name or first, the short name is that
        # day; not after a word of ours ("Sie sollten mal so offen sein").
        following = texts[m.end] if m.end < len(texts) else ""
        named_before = m.start == 0 or not (
            previous in lex.stopwords
            or previous in lex.everyday
            or any(previous in vocabulary for vocabulary in lex.vocabulary.values())
        )
        hours_word = hours_word or (
            named_before
            and any(
                p[0] == "opening_hours" and p[2] == m.payload[1]
                for p in lex.intents.lookup_word(following)
            )
        )
        if number and not (dotted or before or hours_word):
            # "ma 10 lat" (Polish: she is 10) is no Dutch Monday the 10th: a day number makes
            # a short name a day only in a message not clearly in another language.
            number = not any(
                _mostly_in(lex, others, code) for code in lex.vocabulary if code != m.payload[1]
            )
        if dotted or number or before or last or hours_word:
            found.append(m)
    return found


def _asks_a_timetable(lex: Lexicon, texts: Sequence[str]) -> bool:
    """Whether a message asks about opening hours, activities or desks, or names a centre:
    "openingsuren Stene zo" asks for Sunday, "ik kom zo" is "I'll be right there"."""
    if any(t in lex.centre_words for t in texts):
        return True
    return any(m.payload[0] in _TIMETABLE for m in lex.intents.find(texts))


def _mostly_in(lex: Lexicon, texts: Sequence[str], lang: str) -> bool:
    """Whether `lang` has more of these words than any other language: a word of several
    languages counts for each in part, and names ("De Pelikaan") count for none."""
    shares: dict[str, float] = {}
    for text in texts:
        langs = [
            code
            for code, vocabulary in lex.vocabulary.items()
            # a stem the word starts with: each of its beginnings looked up, not every stem
            if text in vocabulary
            or any(text[:k] in lex.stems.get(code, ()) for k in range(len(text) + 1))
        ]
        for code in langs:
            shares[code] = shares.get(code, 0.0) + 1 / len(langs)
    own = shares.pop(lang, 0.0)
    return own > 0 and all(own > share for share in shares.values())


def _numbered_day(
    i: int, tokens: Sequence[Token], folded: str, lex: Lexicon, used: Collection[int]
) -> set[int] | None:
    """The tokens of a day written as its number only ("le 29", "am 29.", "29th", "29'unda",
    "29-го", "op de 29e"), or None when the number at `i` is no such day."""
    text = tokens[i].text
    if i in used or not text.isdigit() or len(text) > 2 or not 1 <= int(text) <= 31:
        return None
    span = {i}
    after = i + 1 if i + 1 < len(tokens) and i + 1 not in used else None
    if after is not None:
        gap = folded[tokens[i].end : tokens[after].start]
        glued = not tokens[after].text.isdigit() and (
            (gap == "" and "day_after" in _kinds_at(lex, tokens[after].text)) or gap in _GLUE
        )
        spaced = gap.strip() == "" and "day_word" in _kinds_at(lex, tokens[after].text)
        if glued or spaced:
            return span | {after}
    before = _kinds_at(lex, tokens[i - 1].text) if i > 0 and i - 1 not in used else set()
    dotted = re.match(r"\.(?!\d)", folded[tokens[i].end : tokens[i].end + 2]) is not None
    if "day_before" in before or (dotted and "at_day" in before):
        return span | {i - 1}
    return None


_SENTENCE_END = re.compile(r"[.!?;\u061f]")
_NEXT_REACH = 2  # words between "next" and the day it is said of ("next week's Thursday")
_MINUTES = re.compile(r"[.:h][0-5]\d(?!\d)(?![.:]\d)")  # the ".30" of "10.30", not "10.05.2027"
# Date words that name a day or a range: beside one, a bare "17.05" is no day of its own.
_SAID_DAYS = frozenset(
    {"today", "tomorrow", "day_after_tomorrow", "weekday", "month", "holiday"}
    | {"this_week", "next_week", "weekend", "next_weekend", "this_month"}
)
_RANGE_SIGN = re.compile(r"\s*[-\u2013]\s*\d")  # "9.00-10.10", "10.10 - 12.00"


def _clock_context(
    lex: Lexicon, folded: str, tokens: Sequence[Token], span: set[int], start: int, end: int
) -> bool:
    """Whether "17.05" is an hour by what stands beside it: "om", "until", "o" before it, "uur",
    "h" after it, or a dash joining it to another time."""
    first, last = min(span, default=0), max(span, default=0)
    before = tokens[first - 1].text if first > 0 else ""
    after = tokens[last + 1].text if last + 1 < len(tokens) else ""
    return (
        before in lex.clock_any_before
        or before in lex.time_range_any_before
        or after in lex.clock_any_after
        or _RANGE_SIGN.match(folded, end) is not None
        or _RANGE_SIGN.match(folded[::-1], len(folded) - start) is not None
    )


def find_dates(
    tokens: Sequence[Token],
    folded: str,
    lex: Lexicon,
    today: date,
    *,
    skip: Collection[int] = (),
    modifiers: Collection[int] = (),
    known: Collection[str] = (),
    country: str | None = None,
    names: Collection[str] = (),
    occasions: Collection[int] = (),
    bridge: Callable[[date], date | None] | None = None,
) -> DateFind:
    """Find the day or range named in a message; `modifiers` are tokens of activity words,
    `occasions` those of them a holiday may be the occasion of (a meal, a party), `known` words
    that are never a typo of a day name (places, titles), `country` the one whose customs set a
    holiday's day, `names` the words of the centres' names ("Sint-Jan"), `bridge` the next
    bridge day on or after a day in the organisation's calendar."""
    found = DateFind()
    days: list[date] = []
    written: list[tuple[date, set[int]]] = []  # days written out, with the tokens that say them
    numeric: list[date] = []  # days written in figures ("29/12"): the most exact of all
    by_name: list[date] = []  # days of holidays and named ranges ("tussen kerst en oud en nieuw")
    # "Open on Boxing Day? Thinking of ...": a sentence ends between two words; an activity
    # word after the end ("thinking" of memory games) is no title the holiday belongs to.
    breaks = {
        k
        for k in range(1, len(tokens))
        if _SENTENCE_END.search(folded, tokens[k - 1].end, tokens[k].start)
    }
    tokens = [_unglued(lex, _as_written(lex, t, folded)) for t in tokens]
    texts = [t.text for t in tokens]
    skip = set(skip) | {i for i, t in enumerate(texts) if _near_day(lex, t)}

    def tokens_in(start: int, end: int) -> set[int]:
        return {i for i, t in enumerate(tokens) if t.start >= start and t.end <= end}

    bare: list[tuple[int, int, set[int]]] = []  # "17.05" that may be a day or an hour
    for regex, order in ((_ISO, "ymd"), (_DMY_DOTS, "dmy"), (_DMY, "dmy"), (_DM_DOT, "dm")):
        for hit in regex.finditer(folded):
            span = tokens_in(hit.start(), hit.end())
            if span & found.used:
                continue
            a, b = hit.group(1), hit.group(2)
            c: str | None = hit.group(3) if order != "dm" else None
            if order == "dm" and int(a) <= 24 and int(b) % 5 == 0:
                # "10.05", "9.10": as likely a time of day; a day only when said bare, with
                # no hour's word or range beside it and no other day in the message.
                if not _clock_context(lex, folded, tokens, span, hit.start(), hit.end()):
                    bare.append((int(a), int(b), span))
                continue
            if order == "ymd":
                day = _safe_date(int(a), int(b), int(c or 0))
            else:
                first, second = int(a), int(b)
                if second > 12 >= first:  # "12/29": month first, as some phones write it
                    first, second = second, first
                day = _on_or_after(today, second, first, int(c) if c else None)
            if day:
                written.append((day, span))
                numeric.append(day)
                found.used |= span

    matches = _date_matches(lex, texts, set(skip) | found.used)
    if not any(m.payload[:2] == ("holiday", "bridge_day") for m in matches):
        matches += _bridge_idioms(lex, texts, breaks, names, set(skip) | found.used)
    named_weekdays = {m.payload[1] for m in matches if m.payload[0] == "weekday"}
    for number, month, span in bare[:1] if not written else ():
        # "czy Millegem jest otwarte 17.05? to chyba jakieś święto": the only day said;
        # "maandag 24.05": the day of that weekday ("maandag 10.05", a Wednesday, is an hour).
        bare_day = _on_or_after(today, month, number, None)
        alone = len(bare) == 1 and not any(m.payload[0] in _SAID_DAYS for m in matches)
        if bare_day and (alone or named_weekdays == {bare_day.weekday()}):
            written.append((bare_day, span))
            numeric.append(bare_day)
            found.used |= span
    named = {i for m in matches for i in range(m.start, m.end)}
    matches += _typo_days(lex, texts, named | set(skip) | found.used, known)
    matches.sort(key=lambda m: (m.start, m.end))
    counting = sorted(matches + lex.day_counts.find(texts), key=lambda m: (m.start, m.end))
    for day, span in _ordinal_weekdays(lex, tokens, folded, counting, today, found.used):
        written.append((day, span))
        found.used |= span
    ranges: list[str] = []
    months: list[tuple[int, set[int]]] = []  # months named without a day ("in april")
    weekdays: list[tuple[int, Match]] = []
    nexts: list[Match] = []
    holidays: dict[int, dict[str, Any]] = {}  # index in `written` -> the holiday's rule
    periods: dict[int, tuple[date, date]] = {}  # index in `written` -> the days around it
    offsets = [m for m in matches if m.payload[0] in ("offset", "offset_after")]
    relative_at: list[int] = []  # where "today", "tomorrow" are said
    spelled: list[tuple[date, set[int]]] = []  # days written with their month ("18 mei")

    def sentence(k: int) -> int:
        return sum(1 for b in breaks if b <= k)

    def asks_in(k: int) -> bool:
        """Whether the sentence of word `k` ends in a question mark."""
        end = _SENTENCE_END.search(folded, tokens[k].end)
        return end is not None and end.group() in "?\u061f"

    for m in matches:
        kind, value, _lang = m.payload
        span = set(range(m.start, m.end))
        if span & found.used:
            continue  # another meaning of the same words was taken ("mar": March or mardi)
        if kind == "now":
            found.now = True
            continue
        if kind in ("today", "tomorrow", "day_after_tomorrow"):
            days.append(today + timedelta(days=_OFFSETS[kind]))
            relative_at.append(m.start)
        elif kind in ("this_week", "next_week", "weekend", "next_weekend", "this_month"):
            ranges.append(kind)
        elif kind == "next":
            nexts.append(m)
            continue
        elif kind == "weekday":
            weekdays.append((value, m))
            continue
        elif kind == "month":
            month_day = _month_day(texts, m, today, found.used)
            if month_day is None:
                if not any(texts[i] in names for i in span) and _month_meant(texts, span):
                    months.append((value, span))
                continue
            span |= month_day[1]
            offset, counted = _offset_of(lex, tokens, folded, span, offsets, found.used)
            if offset:
                # "de dag na 24 december": the first such date whose next day is still ahead
                month_day = _month_day(texts, m, today - timedelta(days=offset), found.used)
                if month_day is None:
                    continue
                span |= counted
            written.append((month_day[0] + timedelta(days=offset), span))
            spelled.append(written[-1])
        elif kind == "holiday":
            if _modifies_activity(m, texts, modifiers, lex, breaks, occasions):
                continue
            rule = lex.holiday_rules.get(value)
            length = (rule or {}).get("days", 1)
            offset, counted = (
                _offset_of(lex, tokens, folded, span, offsets, found.used)
                if length == 1
                else (0, set())
            )
            # A named range still going on ("tussen kerst en nieuwjaar" on the 28th) is this one;
            # "the day after Christmas" asked on the 26th is today, not next year's.
            since = today - timedelta(days=offset or length - 1)
            holiday = holiday_date(rule, since, country, bridge) if rule else None
            if holiday is None:
                continue
            if offset:
                holiday += timedelta(days=offset)
                span |= counted
            last_day = holiday + timedelta(days=length - 1)
            if length == 1 and not offset and rule:
                holidays[len(written)] = rule
                period = _holiday_period(lex, tokens, folded, counting, m, holiday, rule, today)
                if period is not None:
                    periods[len(written)] = period
            holiday = max(holiday, today)
            written.append((holiday, span))
            by_name.append(holiday)
            if length > 1:
                written.append((last_day, span))
                by_name.append(last_day)
        else:
            continue  # not_dates, prepositions and range words only mask tokens
        found.used |= span
    if bridge is not None:
        for k, j, day in _bridges_named(lex, tokens, folded, counting, written, holidays, bridge):
            # "brugdag na Wapenstilstand", "le pont du 11 novembre": the bridge day next to
            # that holiday or date; the holiday only says which bridge day it is.
            for named_at in (k, j):
                if written[named_at][0] in by_name:
                    by_name[by_name.index(written[named_at][0])] = day
                periods.pop(named_at, None)
                written[named_at] = (day, written[named_at][1])
    for weekday, m in list(weekdays):
        relative = _counted_weekday(
            lex, tokens, folded, counting, m, written, holidays, today, country, bridge
        )
        if relative is None:
            continue
        k, counted_day, counted_span = relative
        periods.pop(k, None)  # "the Saturday before Easter" is one day
        if written[k][0] in by_name:
            by_name[by_name.index(written[k][0])] = counted_day
        written[k] = (counted_day, counted_span)
        weekdays.remove((weekday, m))
        found.used |= counted_span
    blocked = set(skip) | found.used | {i for _, m in weekdays for i in range(m.start, m.end)}
    for m in _weak_weekdays(lex, tokens, folded, blocked):
        weekdays.append((m.payload[0], m))
    weekdays.sort(key=lambda w: w[1].start)

    def weekday_near(i: int) -> int | None:
        for weekday, m in weekdays:
            # "dinsdag 29", "mardi le 29", "thursday the 21st"; not "thursday for 2"
            if (
                m.end <= i
                and i - m.end < _NEAR
                and all(_day_article(lex, texts[k]) for k in range(m.end, i))
            ):
                return weekday
        return None

    # "thursday, 2 people", "jeudi 3 personnes": a number before a word for places counts them
    counted = (
        {m.start - 1 for m in lex.intents.find(texts) if m.payload[0] == "places"}
        if weekdays
        else set()
    )

    def counts_something(i: int) -> bool:
        """ "в середу, їй 8 років", "op woensdag, met 3 personen": a number past a comma
        after the weekday, with a word after it that is no date word, counts something."""
        weekday_end = next((m.end for _, m in weekdays if m.end <= i and i - m.end < _NEAR), 0)
        if not weekday_end:
            return False
        between = folded[tokens[weekday_end - 1].end : tokens[i].start]
        if not any(mark in between for mark in ",;"):
            return False
        after = i + 1
        return (
            after < len(texts)
            and not _kinds_at(lex, texts[after])
            and (tokens[after].start - tokens[i].end <= 1)
        )

    def an_hour(i: int) -> bool:
        """ "woensdag om 10 uur", "mercredi 10h", "у середу на 10 годину": an hour of the
        clock, not a day of the month; so is "maandag 10.30", "lundi 9:15" (minutes after it).
        "op de 18de", "le 18e": a day's ending written onto a number after an article or a
        word for "on" is the day ("18'de", "saat 18de" are an hour)."""
        if (
            0 < i < len(texts) - 1
            and tokens[i].end == tokens[i + 1].start
            and "day_after" in _kinds_at(lex, texts[i + 1])
            and (
                texts[i - 1] in lex.determiners
                or _kinds_at(lex, texts[i - 1]) & {"at_day", "day_before"}
            )
        ):
            return False
        return (
            (i > 0 and texts[i - 1] in lex.clock_any_before)
            or (i + 1 < len(texts) and texts[i + 1] in lex.clock_any_after)
            or _MINUTES.match(folded, tokens[i].end) is not None
        )

    for i in range(len(tokens)):
        if an_hour(i):
            continue
        numbered = _numbered_day(i, tokens, folded, lex, found.used | set(skip))
        day_number = texts[i].isdigit() and len(texts[i]) <= 2 and 1 <= int(texts[i]) <= 31
        day_number = day_number and i not in counted
        if (
            numbered is None
            and day_number
            and i not in found.used
            and weekday_near(i) is not None
            and not counts_something(i)
        ):
            # "dinsdag 29", "mardi 29": a number after a weekday is a day of the month
            numbered = {i}
        if numbered is None:
            continue
        day = _day_of_month(today, int(texts[i]), weekday_near(min(numbered)))
        if day:
            written.append((day, numbered))
            # "tussen kerst en nieuwjaar, dinsdag de 29ste": a day's number is as exact as
            # figures, and beats the named range around it.
            numeric.append(day)
            found.used |= numbered

    week = _week_start(today)
    bare_today = False
    asked_weekdays: list[tuple[int, int]] = []  # (weekday, sentence) of weekdays taken alone
    # "pazartesi ... var mı yoksa 1 mayıs tatil diye iptal mi", "is the bingo on Monday, or
    # is it off because of Easter?": a day given as the reason for asking is no day asked about
    reasons = {day for day, span in written if _a_reason(lex, matches, span)}
    for weekday, m in weekdays:
        found.used |= set(range(m.start, m.end))
        # A weekday next to a written day only says which day that is ("maandag 28 december"),
        # and so does one anywhere that is that day's weekday ("vrijdag, de dag na Hemelvaart")
        if any(
            (
                min(span) - m.end < _NEAR + 1
                and m.start - max(span) <= _NEAR
                and day not in reasons
                and sentence(min(span)) == sentence(m.start)
            )
            or day.weekday() == weekday
            for day, span in written
        ):
            continue
        near_next = any(abs(n.start - m.start) <= 2 for n in nexts)
        same_sentence = all(
            not any(min(m.start, min(span)) < k <= max(m.start, min(span)) for k in breaks)
            for _, span in months
        )
        if (
            len({n for n, _ in months}) == 1
            and same_sentence
            and not written
            and not ranges
            and not near_next
        ):
            # "welke donderdag in april", "quel samedi en septembre": that weekday in the
            # month, from its first to its last (from today on in the current month)
            month_start, month_end = _month_range(months[0][0], today)
            start = month_start + timedelta(days=(weekday - month_start.weekday()) % 7)
            end = month_end - timedelta(days=(month_end.weekday() - weekday) % 7)
            if start <= end:
                days += [start, end]
                found.used |= months[0][1]
                continue
        if ranges and any(f.payload[0] == "from_day" and f.end == m.start for f in matches):
            # "vanaf maandag ... volgende week", "ab Montag ... nächste Woche": the range named,
            # from that weekday in it on.
            begin, end = _range_of(ranges[0], today)
            start = begin + timedelta(days=(weekday - begin.weekday()) % 7)
            if start <= end:
                days += [start, end]
                continue
        if "next_week" in ranges or near_next:
            days.append(week + timedelta(days=7 + weekday))
            if "next_week" in ranges:
                ranges.remove("next_week")
        elif (
            weekday == today.weekday()
            and not asks_in(m.start)
            and any(sentence(k) != sentence(m.start) for k in relative_at)
        ):
            # "wat is er morgen te doen? ik zit op zondag alleen thuis" (on a Sunday): today's
            # weekday told as a habit beside "tomorrow" asked says what day it is now.
            continue
        else:
            days.append(today + timedelta(days=(weekday - today.weekday()) % 7))
            bare_today = bare_today or weekday == today.weekday()
            asked_weekdays.append((weekday, sentence(m.start)))
    # "الخميس الجاي", "next Thursday": a word for "next" beside a day is part of it; far from
    # any ("أبي جاي من المغرب ...، في شي يوم الخميس؟": my father is coming) it is a word of
    # its own.
    dated = found.used | {k for _, w in weekdays for k in range(w.start, w.end)}
    for n in nexts:
        if any(n.start - _NEXT_REACH <= k < n.end + _NEXT_REACH for k in dated):
            found.used |= set(range(n.start, n.end))
    # "open on Monday? I think it's the Easter holiday": a holiday told in a sentence of its
    # own beside a weekday asked is the reason for asking, unless it falls on that weekday.
    reasons |= {
        day
        for k, (day, span) in enumerate(written)
        if k in holidays
        and day in by_name
        and not asks_in(min(span))
        and asked_weekdays
        and all(w != day.weekday() and n != sentence(min(span)) for w, n in asked_weekdays)
    }
    if spelled:
        # "18 mayıs Stene açık mı, Pentekost tatili değil mi?", "open on 30 March, or is that
        # still Easter?": a holiday in another clause than the date written out is an aside
        # about that date, not a second day asked.
        clause = clauses(tokens, folded)
        reasons |= {
            day
            for day, span in written
            if day in by_name
            and all(
                day != spelled_day and clause[min(span)] != clause[min(date_span)]
                for spelled_day, date_span in spelled
            )
        }
    days += [day for day, _ in written]
    if any(day not in reasons for day in days):
        days = [day for day in days if day not in reasons]
    if numeric:
        # "tussen kerst en oud en nieuw? bv 29/12": the day in figures is the one asked about.
        days = [day for day in days if day not in by_name or day in numeric]

    span_named = _range_of(ranges[0], today) if ranges else None
    if (
        span_named
        and days
        and all(day in by_name and span_named[0] <= day <= span_named[1] for day in days)
    ):
        # "what's on this week? I heard about an Easter thing": the week asked about, with
        # the holiday in it, not the holiday alone
        days = []
    if days:
        days.sort()
        found.date = days[0]
        found.until = days[-1] if days[-1] != days[0] else None
        found.same_weekday = bare_today and days == [today]
        said = [k for k in periods if written[k][0] == found.date]
        if found.until is None and len(periods) == 1 and said:
            found.period = periods[said[0]]
    elif span_named:
        found.date, found.until = span_named
    return found


_IDIOM_REACH = 6  # words between the verb and the noun: "doen jullie vrijdag ook de brug"


def _bridge_idioms(
    lex: Lexicon,
    texts: Sequence[str],
    breaks: Collection[int],
    names: Collection[str],
    taken: Collection[int],
) -> list[Match]:
    """ "doen jullie ook de brug", "vous faites le pont ?", "köprü yapıyor musunuz": the noun
    of taking the bridge, with one of its verbs in the same sentence, is the bridge day (its
    words per language: `bridge_idiom`). A bridge with no such verb is a bridge ("de brug
    naar het eiland is dicht"), and a noun that is a word of our centres' names ("De Brug")
    is never the idiom's."""
    found: list[Match] = []
    for lang, idioms in lex.bridge_idioms.items():
        for i, text in enumerate(texts):
            verbs = idioms.get(text, ())
            if not verbs or i in taken or text in names:
                continue
            located = lex.located.get(lang, set())
            if any(k >= 0 and texts[k] in located for k in (i - 1, i - 2)):
                continue  # "ils font des travaux sur le pont", "we maken een foto op de brug"
            near = range(max(0, i - _IDIOM_REACH), min(len(texts), i + 3))
            if any(
                k != i
                and not any(min(i, k) < b <= max(i, k) for b in breaks)
                and any(_verb_said(v, texts[k]) for v in verbs)
                for k in near
            ):
                found.append(Match(i, i + 1, ("holiday", "bridge_day", lang)))
    return found


def _verb_said(verb: str, text: str) -> bool:
    """Whether a word is that verb ("yap*": any of its endings, "yapıyor")."""
    return text.startswith(verb[:-1]) if verb.endswith("*") else text == verb


def _idiom_verb(lex: Lexicon, text: str) -> bool:
    """Whether a word is a verb of taking the bridge ("maken", "faites", "yapıyor")."""
    return any(
        _verb_said(v, text)
        for idioms in lex.bridge_idioms.values()
        for verbs in idioms.values()
        for v in verbs
    )


_REASON_REACH = 3  # words between "because" and the day it gives ("omdat het Pasen is")


def _a_reason(lex: Lexicon, matches: Sequence[Match], span: Collection[int]) -> bool:
    """Whether the day written at `span` follows a word giving a reason ("because", "omdat",
    "بسبب") or comes before one that ends the reason ("1 mayıs tatil diye")."""
    first, last = min(span), max(span)
    for m in matches:
        kind = m.payload[0]
        if kind == "because" and m.end <= first and first - m.end < _REASON_REACH:
            return True
        if kind == "because_after" and m.start > last and m.start - last <= _REASON_REACH:
            return True
    return False


# Month names that are everyday English words too ("May I eat along on Thursday?", "we march
# on Monday"): a month only after a word that puts something in it.
_WORD_MONTHS = frozenset({"may", "march"})
_INTO_MONTH = frozenset({"in", "of", "during", "early", "late", "mid", "end"})


def _month_meant(texts: Sequence[str], span: Collection[int]) -> bool:
    """Whether a month name without a day is the month: "in May", not "May I"."""
    first = min(span)
    if texts[first] not in _WORD_MONTHS:
        return True
    return first > 0 and texts[first - 1] in _INTO_MONTH


def _month_range(month: int, today: date) -> tuple[date, date]:
    """The days of the next `month` from today on: the rest of it when it is this month."""
    year = today.year if month >= today.month else today.year + 1
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return max(first, today), following - timedelta(days=1)


def _range_of(kind: str, today: date) -> tuple[date, date]:
    """The first and last day of "this week", "next week", "the weekend", "next weekend" or
    "this month" (today to its last day)."""
    if kind == "this_month":
        following = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        return today, following - timedelta(days=1)
    week = _week_start(today)
    if kind == "this_week":
        # Asked on a Saturday or Sunday, "this week" is the coming seven days, not one or two.
        return today, today + timedelta(days=6) if today.weekday() >= 5 else week + timedelta(6)
    if kind == "next_week":
        return week + timedelta(days=7), week + timedelta(days=13)
    saturday = week + timedelta(days=5 + (7 if kind == "next_weekend" else 0))
    return max(saturday, today), saturday + timedelta(days=1)


def _offset_of(
    lex: Lexicon,
    tokens: Sequence[Token],
    folded: str,
    span: Collection[int],
    offsets: Sequence[Match],
    used: Collection[int],
) -> tuple[int, set[int]]:
    """Days to count from the day `span` names, and the tokens that say so: "de dag na",
    "le lendemain de", "اليوم التالي ل" before it, "sonraki gün" after it; 0 when none."""
    start, end = min(span), max(span) + 1
    for m in offsets:
        if any(i in used for i in range(m.start, m.end)):
            continue
        kind, days, _lang = m.payload
        if kind == "offset" and m.end <= start:
            between = range(m.end, start)
        elif kind == "offset_after" and m.start >= end:
            between = range(end, m.start)
        else:
            continue
        if len(between) <= _NEAR and all(_joins(lex, tokens, folded, i) for i in between):
            return days, set(range(m.start, m.end)) | set(between)
    return 0, set()


def _day_article(lex: Lexicon, text: str) -> bool:
    """Whether a word may stand between a weekday and its day's number: an article or a word
    for "on" ("le", "den", "the")."""
    return len(text) == 1 or text in lex.determiners or "at_day" in _kinds_at(lex, text)


def _joins(lex: Lexicon, tokens: Sequence[Token], folded: str, i: int) -> bool:
    """Whether a word only joins a count of days to its day: an article or preposition
    ("de", "du", "l", "ل") or a case ending after an apostrophe ("Noel'den")."""
    text = tokens[i].text
    glued = tokens[i].start > 0 and folded[tokens[i].start - 1] in "'’"
    return (
        glued
        or len(text) == 1
        or text in lex.stopwords
        or text in lex.determiners
        or "at_day" in _kinds_at(lex, text)
    )


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
    if m.end + 1 < len(texts) and texts[m.end + 1] in _ORDINAL_GLUE:
        candidates.append((m.end, {m.end, m.end + 1}))
    for i, span in candidates:
        day_number = number(i)
        if day_number is None:
            continue
        after = max(m.end, max(span) + 1)
        year = year_at(after)
        if year:
            span = span | {after}
        day = _on_or_after(today, month, day_number, year)
        if day:
            return day, span
    return None


def _modifies_activity(
    m: Match,
    texts: Sequence[str],
    modifiers: Collection[int],
    lex: Lexicon,
    breaks: Collection[int] = (),
    occasions: Collection[int] = (),
) -> bool:
    """ "Christmas lunch", "repas de Noël": the holiday names an activity, not a day; but
    "middagmaal op paasmaandag", "lunch on Easter Monday" name the day of the activity; so
    does a holiday written as a date ("йога 1 травня"), one whose sentence ends before the
    activity word (`breaks`: "open on Boxing Day? Thinking of ..."), and one after a
    preposition of a day with an activity that is no meal or party after it ("am Brückentag
    Boule", "op paasmaandag koffie": the time said before the thing, as German and Dutch do)."""
    if texts[m.start].isdigit():
        return False
    if m.end in modifiers and m.end not in occasions and _after_day_preposition(lex, texts, m):
        return False
    if (m.end in modifiers and m.end not in breaks) or (
        (m.start - 1) in modifiers and m.start not in breaks
    ):
        return True
    if m.start > 0 and "occasion" in _kinds_at(lex, texts[m.start - 1]):
        # "فطور بمناسبة عيد الميلاد", "breakfast for Christmas", "сніданок з нагоди Різдва":
        # the holiday is the activity's occasion, not the day asked about.
        # The activity is the word before, or one an article or two before ("the breakfast
        # for Christmas"); across another small word (a verb: "meine Enkel sind zu Ostern bei
        # mir", "Kinder kommen zu Ostern") only a meal or a party has an occasion; who comes
        # is no activity held for the feast.
        before = m.start - 2
        between: list[str] = []
        while before >= 0 and texts[before] in lex.stopwords and m.start - before <= 3:
            between.append(texts[before])
            before -= 1
        if before in occasions or (
            before in modifiers and all(w in lex.determiners for w in between)
        ):
            return True
    if (m.start - 2) not in modifiers or texts[m.start - 1] not in lex.stopwords:
        return False
    return "at_day" not in _kinds_at(lex, texts[m.start - 1])


def _after_day_preposition(lex: Lexicon, texts: Sequence[str], m: Match) -> bool:
    """Whether the holiday at `m` follows a preposition of a day ("am", "op", "on", "w", "на",
    "في") or the word for "at that time" ("an Weihnachten"); no article ("the Christmas lunch",
    "an Easter egg hunt": the English "an" is an article, so a title follows)."""
    if m.start == 0:
        return False
    before = texts[m.start - 1]
    kinds = _kinds_at(lex, before)
    return bool(kinds & {"feast_at", "at_day"}) and before not in lex.determiners


_RELATIONS = {"weekday_before": -1, "weekday_after": 1}
_RELATION_REACH = 4  # words between a weekday and the holiday or date it is counted from
_JOINED = 2  # small words ("w", "am", "on the") between a holiday and its weekday
_NEAREST = 3  # "Easter Saturday": the weekday at most this many days from the holiday


_AFTER_DAYS = 7  # "before/after Christmas": the week before or after it


def _holiday_period(
    lex: Lexicon,
    tokens: Sequence[Token],
    folded: str,
    counting: Sequence[Match],
    m: Match,
    holiday: date,
    rule: dict[str, Any],
    today: date,
) -> tuple[date, date] | None:
    """The days a holiday's name stands for in a question of what is on: the week before it
    ("before christmas", "vor Ostern", "przed świętami") from today on, the week after it
    ("after Easter"), or the days around it that its rule names (`around` in common.yaml: "zu
    Ostern" is Good Friday to Easter Monday); None for the holiday's own day ("on Christmas
    Day", "op tweede kerstdag")."""
    texts = [t.text for t in tokens]
    languages = {h.payload[2] for h in counting if (h.start, h.end) == (m.start, m.end)}
    for r in counting:
        if r.payload[0] not in _RELATIONS or r.payload[2] not in languages:
            continue
        # Before the holiday, or after it with its case ending ("Noel'den önce")
        if (
            r.end == m.start
            or (r.end == m.start - 1 and texts[r.end] in lex.stopwords)
            or r.start == m.end
            or (r.start == m.end + 1 and folded[tokens[m.end].start - 1] in "'’")
        ):
            if _RELATIONS[r.payload[0]] < 0:
                last = holiday - timedelta(days=1)
                first = max(today, holiday - timedelta(days=_AFTER_DAYS))
                return (first, last) if last >= today else None
            first = holiday + timedelta(days=1)
            return first, first + timedelta(days=_AFTER_DAYS - 1)
    around = rule.get("around")
    # "on Christmas Day", "op tweede kerstdag": the day itself; "на Різдво", "na Wielkanoc",
    # "an Weihnachten" are how those languages say "at Christmas" (`feast_at`): the period.
    before = _kinds_at(lex, texts[m.start - 1]) if m.start > 0 else set()
    if not around or ("at_day" in before and "feast_at" not in before):
        return None
    first, last = holiday + timedelta(days=around[0]), holiday + timedelta(days=around[1])
    return (max(first, today), last) if last >= today else None


def _nth_weekday(today: date, month: int, weekday: int, n: int) -> date | None:
    """The n-th (-1: last) `weekday` of the next `month` whose day is today or later."""
    for year in (today.year, today.year + 1):
        first = date(year, month, 1)
        if n > 0:
            day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        else:
            end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
            day = end - timedelta(days=(end.weekday() - weekday) % 7)
        if day.month == month and day >= today:
            return day
    return None


def _ordinal_weekdays(
    lex: Lexicon,
    tokens: Sequence[Token],
    folded: str,
    matches: Sequence[Match],
    today: date,
    used: Collection[int],
) -> list[tuple[date, set[int]]]:
    """Days named as the n-th or last weekday of a month, with their tokens: "the first
    Thursday of February", "de laatste vrijdag van maart", "şubatın ilk perşembesi"."""
    found: list[tuple[date, set[int]]] = []
    taken: set[int] = set(used)
    for o in (m for m in matches if m.payload[0] == "ordinal"):
        weekday = next(
            (w for w in matches if w.payload[0] == "weekday" and w.start == o.end), None
        )
        if weekday is None:
            continue
        month = None
        for mm in (m for m in matches if m.payload[0] == "month"):
            after = range(weekday.end, mm.start) if mm.start >= weekday.end else None
            before = range(mm.end, o.start) if mm.end <= o.start else None
            between = after if after is not None else before
            if (
                between is not None
                and len(between) <= _NEAR
                and all(_joins(lex, tokens, folded, i) for i in between)
            ):
                month = mm
                break
        if month is None:
            continue
        span = set(range(min(o.start, month.start), max(weekday.end, month.end)))
        day = _nth_weekday(today, month.payload[1], weekday.payload[1], o.payload[1])
        if day is None or span & taken:
            continue
        found.append((day, span))
        taken |= span
    return found


def _counted_weekday(
    lex: Lexicon,
    tokens: Sequence[Token],
    folded: str,
    matches: Sequence[Match],
    m: Match,
    written: Sequence[tuple[date, set[int]]],
    holidays: dict[int, dict[str, Any]],
    today: date,
    country: str | None,
    bridge: Callable[[date], date | None] | None = None,
) -> tuple[int, date, set[int]] | None:
    """A weekday counted from the holiday or date beside it: "the Saturday before Whitsun",
    "le lundi après Noël", "Paskalya'dan önceki cumartesi" (a word of the weekday's own
    language says before or after), or a weekday right after a holiday's name: "Easter
    Saturday", "paskalya cumartesi" is that weekday nearest the holiday. Returns which written
    day it replaces, the day, and the tokens that say it."""
    weekday = m.payload[1]
    languages = {
        w.payload[2]
        for w in matches
        if (w.start, w.end) == (m.start, m.end) and w.payload[0] == "weekday"
    }
    nearest: tuple[int, date, set[int]] | None = None
    for k, (anchor, span) in enumerate(written):
        if m.end <= min(span):
            between = range(m.end, min(span))
        elif max(span) < m.start:
            between = range(max(span) + 1, m.start)
        else:
            continue
        if len(between) > _RELATION_REACH:
            continue
        relations = [
            r
            for r in matches
            if r.payload[0] in _RELATIONS
            and r.payload[2] in languages
            and between.start <= r.start
            and r.end <= between.stop
        ]
        said = {i for r in relations for i in range(r.start, r.end)}
        # "الاثنين ديال عيد الفصح", "the Monday of Easter", "le lundi de Pâques": the weekday of
        # the holiday's own days
        of = {i for i in between if "of_holiday" in _kinds_at(lex, tokens[i].text)}
        if not all(i in said or i in of or _joins(lex, tokens, folded, i) for i in between):
            continue
        rule = holidays.get(k)
        if len(relations) == 1:
            sign = _RELATIONS[relations[0].payload[0]]
        elif (
            not relations
            and rule is not None
            and ((max(span) < m.start and len(between) <= _JOINED) or (of and m.end <= min(span)))
        ):
            # "Easter Saturday", "Zielone Świątki w poniedziałek", "Pfingsten am Montag" (the
            # holiday first, at most a preposition between), "the Monday of Easter" (the
            # weekday first)
            sign = 0
        else:
            continue
        day = _from_anchor(anchor, weekday, sign)
        if rule is not None:
            # The first such day still ahead: "the Monday after Christmas" asked on the 27th is
            # the 28th, though the next Christmas is a year away.
            since = today - timedelta(days=7)
            for _ in range(3):
                base = holiday_date(rule, since, country, bridge)
                if base is None:
                    break
                day = _from_anchor(base, weekday, sign)
                if day >= today:
                    break
                since = base + timedelta(days=1)
        counted = k, day, set(span) | set(range(m.start, m.end)) | set(between)
        if sign:
            return counted
        # "de brugdag, vrijdag na Wapenstilstand": a weekday counted with a word for before or
        # after beats one only beside a holiday's name.
        nearest = nearest or counted
    return nearest


_BRIDGE_REACH = 3  # words between a bridge day and its holiday ("brugdag na de Wapenstilstand")
_BRIDGE_NEXT_TO = 3  # a bridge day is at most this many days from its holiday (Monday, Friday)


def _bridges_named(
    lex: Lexicon,
    tokens: Sequence[Token],
    folded: str,
    counting: Sequence[Match],
    written: Sequence[tuple[date, set[int]]],
    holidays: dict[int, dict[str, Any]],
    bridge: Callable[[date], date | None],
) -> list[tuple[int, int, date]]:
    """Bridge days said with their holiday or date: "brugdag na Wapenstilstand", "bridge day
    after King's Day", "Brückentag vor dem Tag der Arbeit", "le pont du 11 novembre" are the
    bridge day right after (or before) it, not the next bridge day from today. Returns the
    written days of the bridge day and of its holiday, and the day they both stand for."""
    found: list[tuple[int, int, date]] = []
    for k, rule in holidays.items():
        if not rule.get("bridge"):
            continue
        end = max(written[k][1]) + 1
        for j, (anchor, span) in enumerate(written):
            between = range(end, min(span))
            if j == k or min(span) < end or len(between) > _BRIDGE_REACH:
                continue
            relations = [
                r.payload[0]
                for r in counting
                if r.payload[0] in _RELATIONS
                and between.start <= r.start
                and r.end <= between.stop
            ]
            said = {
                i for r in counting if r.payload[0] in _RELATIONS for i in range(r.start, r.end)
            }
            # "de brug maken na Hemelvaart": the idiom's verb between
            said |= {i for i in between if _idiom_verb(lex, tokens[i].text)}
            if not all(
                i in said
                or "of_holiday" in _kinds_at(lex, tokens[i].text)
                or _joins(lex, tokens, folded, i)
                for i in between
            ):
                continue
            before = _RELATIONS[relations[0]] < 0 if relations else None
            after = not before if relations else None
            first = anchor - timedelta(days=_BRIDGE_NEXT_TO if not after else -1)
            day = bridge(first)
            last = anchor + timedelta(days=_BRIDGE_NEXT_TO if not before else -1)
            if day is not None and day <= last:
                found.append((k, j, day))
            break
    return found


def _from_anchor(anchor: date, weekday: int, sign: int) -> date:
    """The `weekday` before (-1), after (1) or nearest (0) to `anchor`, never `anchor` itself
    unless nearest."""
    if sign < 0:
        return anchor - timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)
    if sign > 0:
        return anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)
    ahead = (weekday - anchor.weekday()) % 7
    return anchor + timedelta(days=ahead if ahead <= _NEAREST else ahead - 7)


_DAY_WORDS = frozenset({"weekday", "today", "tomorrow", "day_after_tomorrow"})


def day_part(lex: Lexicon, texts: Sequence[str], skip: Collection[int] = ()) -> str | None:
    """The part of the day a message names ("dinsdagavond", "demain après-midi", "w sobotę
    rano"): "morning", "afternoon" or "evening"; None when it names none, or several. Words of
    a greeting ("good evening", "iyi akşamlar") name none."""
    greeting = {
        i
        for m in lex.intents.find(texts)
        if m.payload[0] == "greeting"
        for i in range(m.start, m.end)
    }
    blocked = set(skip) | greeting
    parts = {
        m.payload[0]
        for m in lex.day_part_times.find(texts)
        if not any(i in blocked for i in range(m.start, m.end))
    }
    for i, text in enumerate(texts):
        if i in blocked or not _kinds_at(lex, text) & _DAY_WORDS:
            continue
        # Written onto a weekday or "today": "zaterdagmorgen", "vanavond", "Donnerstagabend"
        for ending, part in lex.day_part_endings:
            if len(text) > len(ending) and text.endswith(ending):
                parts.add(part)
                break
    return parts.pop() if len(parts) == 1 else None
