"""What a message tells beside what it asks: the reason for asking, for whom, a condition.

A resident often says why they ask, or who it is for, in the same message: "Is het dorpshuis
zondag open? We komen op bezoek uit Duitsland.", "Sport für Senioren", "wann hat Huizum morgen
auf ich muss zur Schuldnerberatung". These checks find the words that tell such a thing, so the
understander does not read them as what is asked about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from conversations.understanding.entities import ItemIndex, ItemScores, expand
from conversations.understanding.intents import (
    ACTIVITY_MIN,
    DESK_MIN,
    ENOUGH,
    HOW_BOOK,
    INTENTS,
    WHAT_ELSE,
    WHATS_ON,
    WHERE,
)
from conversations.understanding.lexicon import Lexicon, Match
from conversations.understanding.outside import DEBTS, GOING_TO, HOUSING
from conversations.understanding.text import Token

CONDITION_REACH = 4  # words after "if" that may say the weather ("als het morgen regent")
# Words beside "m'a offerte" that may say when ("a Noel", "met kerst gekregen", "kupiła mi go na
# Boże Narodzenie")
HAPPENED_REACH = 4
GOING_REACH = 3  # words between "ich muss zur" and the desk it names ("zur Schuldnerberatung")
CARERS = "carers"  # the concept of caring for a relative, the carers' desk's
REPAIR = "repair"  # the concept of mending things, the repair café's
# Intents whose phrases book (sign up, an appointment, places): a clause with one asks to book.
_BOOKS = frozenset({"signup", "cancel_signup", HOW_BOOK, "appointment", "places"})
_LEANING = frozenset({"greeting", "thanks", "contact", "nearest_centre"})
"""Intents whose phrases, asked alone, lean on what the other sentences tell."""
# Intents whose phrases ask what is on ("anything on", "iets te doen", "coś do robienia").
_PROGRAMME = frozenset({WHATS_ON, WHAT_ELSE, "activities"})
_PLACE_MIN = 3  # letters of a place before a Turkish ending ("Ankara|dan")
_PROGRAMME_WORD = 1.5  # a word alone this clear asks what is on ("activities", "happening")
# Concepts that name people: after a word for whom, the audience of another topic.
PEOPLE = frozenset({"seniors", "children", "youth", "mothers", "women"})
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
_SENTENCE_END = re.compile(r"[.!?;\u061f]+")
# A clause ends at a sentence's end, a comma or a colon; not at the dot of a German ordinal
# ("am 17. Dezember"), nor inside a number or an hour ("12,50", "10:00").
_CLAUSE_END = re.compile(r"[!?;\u061f\u060c]|(?<!\d)[.,:]|[,:](?!\d)")
_CLAUSE_MARK = re.compile(r"[,.!?;\u060c\u061f]")  # between clauses: commas too ("،")


class ToldReasons:
    """Finds the words a message tells beside its question, for one organisation's items."""

    def __init__(self, lex: Lexicon, activities: ItemIndex, desks: ItemIndex) -> None:
        self.lex = lex
        self.activities = activities
        self.desks = desks

    def context(
        self,
        tokens: list[Token],
        folded: str,
        texts: list[str],
        centre_at: frozenset[int],
        centre_name_at: set[int],
        acts: ItemScores,
        desks: ItemScores,
    ) -> set[int]:
        """The words of sentences that tell (why, who, a feeling), beside a sentence that asks
        and says itself what it asks about: it names something of ours (a centre, a word for
        our centres, an activity or desk) or has a phrase of a wish clear on its own. "Is het
        dorpshuis zondag open? We komen op bezoek uit Duitsland." Empty when the question
        leans on what was told ("Ik wil me inschrijven voor de lunch. Kan dat?")."""
        told = told_apart(tokens, folded)
        if not told:
            return set()
        asked = set(range(len(texts))) - told
        ours = set(centre_at) | centre_name_at
        ours |= {i for i, t in enumerate(texts) if t in self.lex.centre_nouns}
        for found, minimum in ((acts, ACTIVITY_MIN), (desks, DESK_MIN)):
            for k, v in found.scores.items():
                if v >= minimum:
                    ours |= found.direct_positions.get(k, set())
        if ours & asked:
            return told
        # "hello? what sort of things can I ask you": a greeting asks nothing of its own; "I'd
        # like to volunteer. Who should I contact?": whom or where asks the way to what was told.
        clear = any(
            m.payload[0] in INTENTS
            and m.payload[0] not in _LEANING
            and m.payload[1] >= ENOUGH
            and all(k in asked for k in range(m.start, m.end))
            for m in self.lex.intents.find(texts)
        )
        return told if clear else set()

    def came_from(self, texts: list[str], spoken: set[str]) -> set[int]:
        """The words right after a word for "from" (`origin_from`: "from", "uit", "aus", "z",
        "من") or before or ending on a Turkish ending of it ("Türkiye'den", "Ankaradan"): where
        a visitor comes from ("my dad is visiting from Spain is there anything on Thursday"), no
        thing asked about beside a question of what is on."""
        before = set().union(*(self.lex.origin_from.get(lang, set()) for lang in spoken))
        endings = tuple(e for lang in spoken for e in self.lex.way_from_endings.get(lang, ()))
        found = {
            k
            for i, t in enumerate(texts)
            if t in before
            # "depuis l'Espagne": an article between
            for k in (i + 1, i + 2)
            if k < len(texts) and all(texts[j] in self.lex.stopwords for j in range(i + 1, k))
        }
        if endings:
            found |= {i for i in range(len(texts) - 1) if texts[i + 1] in endings}
            found |= {
                i
                for i, t in enumerate(texts)
                if any(t.endswith(e) and len(t) - len(e) >= _PLACE_MIN for e in endings)
            }
        return found

    def for_whom(
        self,
        texts: list[str],
        kept: list[tuple[str, int, int]],
        spoken: set[str],
        written: list[str] | None = None,
    ) -> tuple[set[int], set[int]]:
        """Where people are named after a word for whom ("für", "voor", "için" after), after
        another topic the message names: they say who it is for, and are no word of a title
        ("Seniorenchor") that would pick an item of their own; and of those, where no item of
        ours has both the topic and the people."""
        people = [(c, i, j) for c, i, j in kept if c in PEOPLE]
        topics = [i for c, i, _ in kept if c not in PEOPLE and c not in self.lex.generic_concepts]
        # "the card afternoon for pensioners": a title said as its phrase is the topic too.
        people_at = {k for _, i, j in people for k in range(i, j)}
        titled: dict[int, set[str]] = {}
        for i, (first, second) in self.activities.pair_hits(texts, people_at):
            ids = self.activities.tokens.get(first, set()) & self.activities.tokens.get(
                second, set()
            )
            for k in (i, i + 1):
                titled.setdefault(k, set()).update(ids)
        topics += list(titled)
        # The topic first ("Sport für Senioren"): "für die Seniorengymnastik" names the item.
        people = [(c, i, j) for c, i, j in people if any(t < i for t in topics)]
        if not people:
            return set(), set()
        before = set().union(*(self.lex.audience.get(lang, set()) for lang in spoken))
        after = set().union(*(self.lex.audience_after.get(lang, set()) for lang in spoken))
        determiners = self.lex.determiners | self.lex.stopwords

        def said_for(i: int) -> bool:
            # "für Senioren", "pour les seniors": the word for whom, perhaps with an article;
            # "لكبار السن", "للمسنين": the Arabic one written onto the word.
            return (
                (i > 0 and texts[i - 1] in before)
                or (i > 1 and texts[i - 1] in determiners and texts[i - 2] in before)
                or (
                    written is not None
                    and bool(_ARABIC_LETTER.match(written[i]))
                    and any(
                        len(b) <= 2 and written[i].startswith(b) and len(written[i]) > len(b) + 2
                        for b in before
                    )
                )
            )

        said = [
            (c, i, j)
            for c, i, j in people
            if said_for(i) or (j < len(texts) and texts[j] in after)
        ]
        asked = {c for c, i, _ in kept if c not in PEOPLE and i in topics}
        items = [*self.activities.concepts.values(), *self.desks.concepts.values()]
        named = [self.activities.concepts.get(a, set()) for ids in titled.values() for a in ids]
        alone = {
            k
            for c, i, j in said
            if not any(c in item and item & asked for item in items)
            and not any(c in item for item in named)
            for k in range(i, j)
        }
        return {k for _, i, j in said for k in range(i, j)}, alone

    def said_for(
        self, texts: list[str], hits: list[tuple[str, int, int]], spoken: set[str]
    ) -> set[int]:
        """The words of people followed by a word for whom written after them ("çocuklar
        için"): who a thing is for, no word of an activity's title beside a holiday
        ("Paskalya pazartesi çocuklar için bir etkinlik" asks about Easter Monday)."""
        after = set().union(*(self.lex.audience_after.get(lang, set()) for lang in spoken))
        return {
            k
            for c, i, j in hits
            if c in PEOPLE and j < len(texts) and texts[j] in after
            for k in range(i, j)
        }

    def wish_apart(
        self, tokens: list[Token], folded: str, texts: list[str], acts: ItemScores
    ) -> bool:
        """Whether a wish ("I want", "بدي") ends a clause of its own and the activity is named
        after it, in the clause that asks: the wish is the reason for asking ("بدي اتعلم
        هولندي، في مقهى لغة؟"), not a booking ("Ich möchte den Tabletkurs machen, geht das?")."""
        named = [
            i
            for k, v in acts.scores.items()
            if v >= ACTIVITY_MIN
            for i in acts.direct_positions.get(k, ())
        ]
        if not named:
            return False
        last = max(named)
        return any(
            m.payload[0] == "wish"
            and m.end <= last
            and _CLAUSE_MARK.search(folded, tokens[m.end - 1].end, tokens[last].start)
            for m in self.lex.intents.find(texts)
        )

    def asked_apart(
        self, tokens: list[Token], folded: str, texts: list[str], acts: ItemScores
    ) -> bool:
        """Whether the activity is named in a question of its own, apart from the sentence
        that asks how to book: "في حلاق بالمركز؟ كيف بحجز؟", "Is there a hairdresser? How do I
        book?" ask whether there is one as well."""
        how = [m for m in self.lex.intents.find(texts) if m.payload[0] == HOW_BOOK]
        if not how:
            return False
        sentence, asks = _sentences(tokens, folded)
        named = {
            i
            for k, v in acts.scores.items()
            if v >= ACTIVITY_MIN
            for i in acts.direct_positions.get(k, ())
        }
        booking = {sentence[k] for m in how for k in range(m.start, m.end)}
        return any(asks[sentence[i]] and sentence[i] not in booking for i in named)

    def where_asked(
        self, tokens: list[Token], folded: str, texts: list[str], acts: ItemScores
    ) -> bool:
        """Whether a clause of its own asks where, naming the activity's kind after the
        question word and no booking: "хочу піти на обід у понеділок, де можна поїсти?", "I
        want to go to lunch on Monday, where can I eat?" ask where it is held (a wish to go is
        the reason), not for a place; "where do I sign up for the lunch?" still books."""
        named = {
            i
            for k, v in acts.scores.items()
            if v >= ACTIVITY_MIN
            for i in acts.direct_positions.get(k, ())
        }
        if not named:
            return False
        clause_of = clauses(tokens, folded)
        found = self.lex.intents.find(texts)
        booking = {
            clause_of[k] for m in found if m.payload[0] in _BOOKS for k in range(m.start, m.end)
        }
        return any(
            m.payload[0] == WHERE
            and clause_of[m.start] not in booking
            and any(i >= m.end and clause_of[i] == clause_of[m.start] for i in named)
            for m in found
        )

    def condition(self, texts: list[str], after: int) -> set[int]:
        """The words of a clause of weather after a word for "if" ("als het regent", "s'il
        pleut", "якщо буде дощ") said after position `after`: up to `CONDITION_REACH` words
        after it, when an out-of-scope phrase starts among them."""
        out: set[int] = set()
        for m in self.lex.conditions.find(texts):
            if m.start <= after:
                continue
            clause = set(range(m.start, min(len(texts), m.end + CONDITION_REACH)))
            if any(
                p.payload[0] == "unknown" and p.start in clause
                for p in self.lex.intents.find(texts)
            ):
                out |= clause
        return out

    def after_a_thing(self, texts: list[str], after: int) -> set[int]:
        """The words of an outside thing said after a word for "after" ("je passe après le
        marché", "ik wil na de markt langskomen", "pazardan sonra"), after position `after`
        (something of ours named first): when the resident comes, told beside the question;
        the market is not what is asked about."""
        outside = {(m.start, m.end) for m in self.lex.foreign.find(texts)}
        if not outside:
            return set()
        starts = {a: b for a, b in outside}
        ends = {b: a for a, b in outside}
        out: set[int] = set()
        for m in self.lex.after_thing.find(texts):
            k = m.end
            while k < len(texts) and texts[k] in self.lex.stopwords:
                k += 1
            if m.start > after and k in starts:
                out |= set(range(m.start, starts[k]))
        for i, t in enumerate(texts):
            if t in self.lex.after_thing_postposed and i in ends and ends[i] > after:
                out |= set(range(ends[i], i + 1))
        return out

    def going_to(self, texts: list[str], desk_at: set[int], centre_at: frozenset[int]) -> bool:
        """Whether every word naming a desk is where the resident says they are going, after
        a question naming the centre ("wann hat Huizum morgen auf ich muss zur
        Schuldnerberatung", "De Linde yarın kaçta açılıyor sosyal servise gitmem lazım"): the
        reason for asking. "I want to go to the social service in Bellegem, when are they
        there?" asks about the desk."""
        going = [m for m in self.lex.intents.find(texts) if m.payload[0] == GOING_TO]
        if not going or not centre_at or max(centre_at) >= min(desk_at):
            return False
        return all(
            any(
                m.end <= k < m.end + GOING_REACH or m.start - GOING_REACH <= k < m.start
                for m in going
            )
            for k in desk_at
        )

    def housing_repairs(self, texts: list[str], hits: list[tuple[str, int, int]]) -> set[int]:
        """The words of a repair said beside the tenancy (a landlord, the rent, damp): the
        housing problem told ("my landlord won't fix the mould in our flat", "repairs in my
        rented flat"), not a thing to mend at the repair café; an activity's title said whole
        ("the repair café") still names it."""
        if not self.lex.tenancy.find(texts):
            return set()
        return {
            k
            for c, i, j in hits
            if c == REPAIR and not any(texts[k] in self.activities.tokens for k in range(i + 1, j))
            for k in range(i, j)
        }

    def money_trouble(
        self, texts: list[str], hits: list[tuple[str, int, int]], debts_answered: bool
    ) -> tuple[list[tuple[str, int, int]], set[int]]:
        """Money trouble told: the words of not being able to pay ("je n'arrive plus à payer mon
        loyer", "kirayı ödeyemiyorum") name debts; where a desk answers debts (a debt desk, the
        social service), the home beside them (the rent, the flat) is what cannot be paid, no
        housing question for the housing desk; beside a word of debts alone ("Mietschulden", "I
        have debts and my landlord ...") only the tenancy is. Where no desk answers debts, the
        housing desk still answers the rent. The debts found, and the positions of housing
        words no longer asked."""
        found = [(DEBTS, m.start, m.end) for m in self.lex.unpaid.find(texts)]
        if not debts_answered or not any(c == DEBTS for c, _, _ in (*hits, *found)):
            return found, set()
        rent = {k for m in self.lex.tenancy.find(texts) for k in range(m.start, m.end)}
        return found, {
            k
            for c, i, j in hits
            if c == HOUSING and (found or set(range(i, j)) <= rent)
            for k in range(i, j)
        }

    def event_form(
        self, texts: list[str], hits: list[tuple[str, int, int]], desk_only: frozenset[str]
    ) -> set[int]:
        """The words of an event's form ("infosessie", "une séance d'information", "bilgilendirme
        toplantısı", "spotkanie informacyjne") asked about a topic that only a desk has here (a
        pension where no activity is about pensions): the resident wants to hear about that
        topic, which the desk answers; the form names no activity of ours (an information
        afternoon on another topic). The form's words are those of `formats` and the topics
        said in or right beside them (information, a meeting)."""
        if not any(c in desk_only for c, _, _ in hits):
            return set()
        forms = {i for i, t in enumerate(texts) if t in self.lex.formats}
        if not forms:
            return set()
        beside = forms | {k + 1 for k in forms} | {k - 1 for k in forms}
        return {
            k
            for c, i, j in hits
            if c not in desk_only and set(range(i, j)) & beside
            for k in range(i, j)
        } | forms

    def carried_papers(self, hits: list[tuple[str, int, int]], answered: set[str]) -> set[int]:
        """The words of papers that only carry a matter a desk here answers (`carried_papers`):
        the letter of "a letter from my landlord, is there a free lawyer?" is the legal
        matter's, no question for the letters desk. Papers said alone keep their desk. A
        matter is answered by a desk of a broader kind too (debts by a money desk)."""
        carried = set().union(
            *(
                self.lex.carried_papers.get(c, frozenset())
                for c, _, _ in hits
                if c in self.lex.carried_papers and expand((c,), self.lex) & answered
            )
        )
        return {k for c, i, j in hits if c in carried for k in range(i, j)}

    def cared_at_home(self, texts: list[str], hits: list[tuple[str, int, int]]) -> set[int]:
        """The words of "at home" said beside caring for someone ("I look after my dad at
        home"), unless the tenancy is named too (a landlord, damp): where the care is given."""
        if not any(c == CARERS for c, _, _ in hits) or self.lex.tenancy.find(texts):
            return set()
        return {k for m in self.lex.at_home.find(texts) for k in range(m.start, m.end)}

    def kept_at_home(self, texts: list[str]) -> set[int]:
        """The words of getting out of the house or being stuck at home ("I'd like to get out
        of the house a bit", "زهقت من القعدة بالبيت"), and "at home" beside a recipe asked
        ("what do I cook at home for the Christmas lunch?"), unless the tenancy is named too:
        the home is where one is or cooks, no housing question."""
        if self.lex.tenancy.find(texts):
            return set()
        found = self.lex.home_bound.find(texts)
        if self.lex.recipes.find(texts):
            found += self.lex.at_home.find(texts)
        return {k for m in found for k in range(m.start, m.end)}


def happened_apart(
    tokens: list[Token], folded: str, texts: list[str], lex: Lexicon, spoken: set[str]
) -> set[int]:
    """The words of sentences that tell what happened, beside a sentence that asks: "y a-t-il
    un cours de tablette ? ma petite-fille m'en a offert une à Noël" (the lexicons' `happened`
    words of a language the message is in). A day in them is when it happened, not the day
    asked."""
    told = told_apart(tokens, folded)
    if not told:
        return _happened_in_clause(tokens, folded, texts, lex, spoken)
    breaks = sentence_breaks(tokens, folded)
    sentences: list[set[int]] = []
    for k in sorted(told):
        if not sentences or k in breaks or k - 1 not in told:
            sentences.append(set())
        sentences[-1].add(k)
    past = {m.start for m in lex.happened.find(texts) if m.payload[0] in spoken}
    return set().union(*(s for s in sentences if s & past))


def _sentences(tokens: list[Token], folded: str) -> tuple[list[int], list[bool]]:
    """Per word, the number of its sentence; per sentence, whether it ends in a question
    mark (words after the last mark are a sentence that asks nothing)."""
    ends = _marks(_SENTENCE_END, folded)
    sentence = [sum(1 for at, _ in ends if at < token.start) for token in tokens]
    return sentence, [asks for _, asks in ends] + [False]


def _happened_in_clause(
    tokens: list[Token], folded: str, texts: list[str], lex: Lexicon, spoken: set[str]
) -> set[int]:
    """The words beside a word of what happened in a clause of its own, not the one that
    asks: "la tablette que ma petite fille m'a offerte a Noel, il y a un cours ?", "the tablet
    my grandson gave me for Christmas, is there a course?" (the day it was given). Without a
    question mark, any clause of several tells it: "je cherche un cours de smartphone, ma fille
    me l'a offert à Noël et je n'y arrive pas"."""
    found = [m for m in lex.happened.find(texts) if m.payload[0] in spoken]
    marks = _marks(_CLAUSE_END, folded) if found else []
    questions = any(asks for _, asks in marks)
    if not questions:
        # No question mark: only a verb of giving, getting or buying tells it clearly ("I was
        # wondering, ..." does not), in a message of more than one clause.
        found = [m for m in lex.gifted.find(texts) if m.payload[0] in spoken]
    numbers = clauses(tokens, folded) if found and marks else []
    if not numbers or (not questions and len(set(numbers)) < 2):
        return set()

    def asks(clause: int) -> bool:
        if not questions:
            return False
        end = max(t.end for t, n in zip(tokens, numbers, strict=True) if n == clause)
        return next((a for at, a in marks if at >= end), False)

    out: set[int] = set()
    for m in found:
        if asks(numbers[m.start]):
            continue
        out |= {
            k
            for k in range(
                max(m.start - HAPPENED_REACH, 0), min(m.end + HAPPENED_REACH, len(tokens))
            )
            if numbers[k] == numbers[m.start]
        }
    return out


def _marks(ends: re.Pattern[str], folded: str) -> list[tuple[int, bool]]:
    """Where each sentence (or clause) end of `ends` is, and whether it is a question mark."""
    return [(m.start(), "?" in m.group() or "\u061f" in m.group()) for m in ends.finditer(folded)]


def sentence_breaks(tokens: list[Token], folded: str) -> set[int]:
    """The words that begin a sentence after the first: "wann macht Stene wieder auf? Heute
    war zu" begins one at "heute"."""
    return {
        k
        for k in range(1, len(tokens))
        if _SENTENCE_END.search(folded, tokens[k - 1].end, tokens[k].start)
    }


def inside_questions(tokens: list[Token], folded: str) -> set[int]:
    """The words of a sentence that ends in a question mark, its first word left out: "ceny
    są ok?", "is it ok if I come late?" ask whether something is all right; "ok?" or "ok, and
    where is it?" still begin with an acknowledgement."""
    ends = _marks(_SENTENCE_END, folded)
    if not any(asks for _, asks in ends):
        return set()
    inside: set[int] = set()
    mark, first = 0, True
    for k, token in enumerate(tokens):
        while mark < len(ends) and ends[mark][0] < token.start:
            mark, first = mark + 1, True  # a sentence ended before this word
        if not first and mark < len(ends) and ends[mark][1]:
            inside.add(k)
        first = False
    return inside


def clauses(tokens: list[Token], folded: str) -> list[int]:
    """Per word, the number of its clause: clauses end at a sentence's end or a comma."""
    ends = [m.start() for m in _CLAUSE_END.finditer(folded)]
    return [sum(1 for at in ends if at < token.start) for token in tokens]


def told_beside_programme(
    tokens: list[Token],
    folded: str,
    texts: list[str],
    phrases: Sequence[Match],
    dated: AbstractSet[int],
    *,
    day_asked: bool = False,
    least: float = 0.0,
) -> set[int]:
    """The words of clauses that tell, beside a clause that asks what is on: "my dad is visiting
    from Lisbon, is there anything on Thursday evening?", "Wat is er volgende week te doen in
    Hulsterveld. Ik zit veel alleen thuis sinds ...". A clause asks what is on with a phrase of
    several words ("anything on", "iets te doen", "في شي") or a clear one ("activities"), not
    a bare "what". A clause tells when it asks nothing of the kind and names no day (`dated`),
    or when a clause that asks names the day ("Mijn broer komt donderdag over uit Spanje, is er
    donderdagavond iets te doen?"); the city the visitor comes from, the care home, are the
    reason for asking, no thing asked about. With `day_asked`, only where a clause that asks
    names the day; with `least`, only by a phrase this strong ("czy jest" asks too little to
    make "gdzie w Oostende jest polski sklep?" a clause that tells). `phrases` are the message's
    intent phrases (`lex.intents.find(texts)`, found once by the caller). Empty when no clause
    asks what is on."""
    clause = clauses(tokens, folded)
    asking = {
        clause[k]
        for m in phrases
        if m.payload[0] in _PROGRAMME
        and m.payload[1] >= least
        and (m.end - m.start > 1 or m.payload[1] >= _PROGRAMME_WORD)
        for k in range(m.start, m.end)
    }
    if not asking:
        return set()
    # A day in a clause that asks is the day asked; another clause's day then tells when the
    # visitor comes.
    days = {clause[k] for k in dated}
    if day_asked and not days & asking:
        return set()
    kept = asking if days & asking else asking | days
    told = {k for k in range(len(texts)) if clause[k] not in kept}
    return told if len(told) < len(texts) else set()


def told_apart(tokens: list[Token], folded: str) -> set[int]:
    """The words of sentences that ask nothing, when another sentence of the message asks
    (ends in a question mark): what the resident tells beside the question."""
    ends = _marks(_SENTENCE_END, folded)
    if not any(asks for _, asks in ends):
        return set()
    told: set[int] = set()
    for k, token in enumerate(tokens):
        # The sentence a word is in ends at the next mark; words after the last mark end none.
        mark = next((asks for at, asks in ends if at >= token.end), None)
        if mark is False or (mark is None and k > 0):
            told.add(k)
    return told if len(told) < len(tokens) else set()
