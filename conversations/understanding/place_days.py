"""Places of ours named like a holiday: "Allerheiligen", "Hemelvaart", "Sint-Niklaas".

A district, village or centre whose name is also a holiday's ("wat is er deze week te doen in
Allerheiligen?") names that place, not the day: its words are kept from the date finder, so
the centre is found and the day is the one the message names otherwise. It is the holiday only
where the wording clearly asks for the day (a word of the message's language before or after it,
`holiday_day_before`/`holiday_day_after`: "op Allerheiligen zelf", "an Allerheiligen",
"Allerheiligen günü") and nothing else in the message names a day. The holiday named in other
words ("All Saints' Day", "la Toussaint") is no name of the place and keeps its day anyway
(docs/dates.md "A place named like a holiday").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from conversations.understanding.lexicon import Lexicon, Match

Span = tuple[int, int]


class PlaceHolidays:
    """The organisation's place names that hold a holiday's name, and where a message says them."""

    def __init__(
        self,
        keys: Iterable[tuple[str, ...]],
        towns: Iterable[tuple[str, ...]],
        lex: Lexicon,
        saint: str,
        saints: Collection[str],
    ) -> None:
        """`keys` name the centres (names, districts, aliases: a whole key is the place),
        `towns` the organisation's town (its name, the towns of the addresses: a holiday's
        words in them are the town's, "Sint-Niklaas" of "Dienstencentra Sint-Niklaas")."""
        self.lex = lex
        self._saint = saint
        self._saints = frozenset(saints)
        found = {key for key in keys if self._holidays_in(key)}
        for town in towns:
            found |= {town[m.start : m.end] for m in self._holidays_in(town)}
        self.keys = frozenset(found)
        self._longest = max((len(k) for k in self.keys), default=0)

    def _holidays_in(self, phrase: Sequence[str]) -> list[Match]:
        """The holidays' names said in `phrase`."""
        return [
            m
            for m in self.lex.dates.find(list(phrase), longest=False)
            if m.payload[0] == "holiday"
        ]

    def spans(self, texts: Sequence[str]) -> list[Span]:
        """Where the message says one of those names with a holiday's words in it, longest
        first and not overlapping ("Sint-Niklaas", "St-Niklaas" written with the saint's title
        in any spelling)."""
        if not self.keys:
            return []
        canon = [
            self._saint if t in self._saints and i + 1 < len(texts) else t
            for i, t in enumerate(texts)
        ]
        holiday_at = {k for m in self._holidays_in(texts) for k in range(m.start, m.end)}
        found: list[Span] = []
        taken: set[int] = set()
        for size in range(min(self._longest, len(texts)), 0, -1):
            for i in range(len(texts) - size + 1):
                span = set(range(i, i + size))
                if (
                    tuple(canon[i : i + size]) in self.keys
                    and span & holiday_at
                    and not span & taken
                ):
                    found.append((i, i + size))
                    taken |= span
        return sorted(found)

    def said_as_day(self, texts: Sequence[str], span: Span, languages: Collection[str]) -> bool:
        """Whether a word of the message's languages beside the name asks for the day ("op
        Allerheiligen", "Allerheiligen zelf", "le jour de Hemelvaart", "Hemelvaart günü")."""
        start, end = span
        for lang in languages:
            partners = self.lex.holiday_day_not_after.get(lang, set())
            for phrase in self.lex.holiday_day_before.get(lang, ()):
                at = start - len(phrase)
                # "contact opnemen met Allerheiligen": "with" the place, no day
                partner = at > 0 and texts[at - 1] in partners
                if at >= 0 and tuple(texts[at:start]) == phrase and not partner:
                    return True
            for phrase in self.lex.holiday_day_after.get(lang, ()):
                if tuple(texts[end : end + len(phrase)]) == phrase:
                    return True
        return False
