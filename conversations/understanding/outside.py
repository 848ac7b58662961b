"""Out of scope: whether a message is about a thing that is not ours.

A question is about us when it names or clearly implies our centres, activities, desks or the
resident's own sign-ups. These checks find what else it names: an outside institution,
business or profession (a bakery, a dentist, the town hall), a vehicle's timetable, a thing in
town with our centre only as its landmark ("the pharmacy next to De Brem"), or content words
the bot knows nothing of. The understander weighs them against what of ours is named.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from conversations.understanding.entities import ItemScores
from conversations.understanding.intents import (
    DESK_MIN,
    ENOUGH,
    MOBILITY,
    PAY,
    REOPEN,
    WHEN,
    WHERE,
)
from conversations.understanding.lexicon import Lexicon
from conversations.understanding.nearby import ATTACH_REACH, reaches

UNEXPLAINED_PREFIX = 5  # a word sharing this many first letters with a phrase word is known
INFLECTION = 3  # letters a stem's word may add ("inschrij*" -> "inschrijving")
COMPOUND_PART = 4  # the shortest part of a compound read as two known words
BESIDE_MIN_LENGTH = 3  # shorter words for beside ("in", "za", "عند") say "at" as well
# Small words between an outside thing and our centre's name: "la boulangerie marocaine à côté
# de Het Veer", "le médecin en face du buurthuis De Brem".
LANDMARK_REACH = 6
ORIGIN_REACH = 2  # "a Polish Saturday school", "de Turkse kapper"
_WAY = ("contact", MOBILITY)  # the way or the access to us: "how do I get to", "rollator"
GOING_TO = "going_to"  # lexicon key, no intent: where the resident is going ("ich muss zur")
DEBTS = "debts"  # the concept of money trouble, the debt desk's
HOUSING = "housing"  # the concept of finding and renting a home, the housing desk's
_READ_AT_OUR_DESK = frozenset({"letters"})  # a letter is read at our desk, whatever about
# Papers done at an office whose hours are asked ("documents"), not one's debts or bills.
_DONE_THERE = frozenset({"forms", "paperwork"})
OCCASION_REACH = 2  # small words between an occasion's word and the thing ("voor de")
HOURS_ASKED = 2.0  # an hours phrase this strong asks when a place opens, without "when"
OWNER_REACH = 2  # words between a town's name and its thing ("Gent Noel pazarı")
BEST_REACH = 2  # words between "the best" and its dish ("en iyi balık çorbası")


@dataclass(frozen=True)
class Outside:
    """What a message names that is not ours, as far as its intent is concerned."""

    foreign: bool  # it names a thing not ours (a business, an institution, a bus line)
    attached: bool  # that thing stands beside our centre's name, which says where it is
    spans: list[tuple[int, int]]  # where the outside things are named
    keywords: dict[str, float]  # the intents' scores, without a vehicle of the way to us
    # Papers are named, but as the outside institution's to do ("мерія ... документів"): the
    # words naming them name no desk of ours strongly.
    institution: bool = False
    # The thing stands near our centre ("a market near your centre"): no centre is asked for.
    near_centre: bool = False


class OutsideThings:
    """Finds what a message names that is not ours, for one organisation's data."""

    def __init__(
        self,
        lex: Lexicon,
        *,
        city: Iterable[str],
        known: AbstractSet[str],
        titles: frozenset[str],
        title_words: frozenset[str] = frozenset(),
        title_sequences: tuple[tuple[str, ...], ...] = (),
        stems: AbstractSet[str],
        beginnings: AbstractSet[str],
        plain: AbstractSet[str],
        outside_concepts: AbstractSet[str],
        desk_concepts: AbstractSet[str],
        stand_ins: dict[str, str],
    ) -> None:
        self.lex = lex
        self.city = city
        self._known = known  # words of ours and of the lexicon: they name nothing outside us
        self._titles = titles  # words of the data's own activity and desk titles
        # Every word of the activities' titles, everyday ones too ("Walking football 60+")
        self._title_words = title_words | titles
        self._title_sequences = title_sequences  # each title's words, stopwords left out
        # every run of words in a row of a title (the empty one too), looked up whole
        self._title_runs = frozenset(
            seq[i : i + n] for seq in title_sequences for n in range(len(seq) + 1)
            for i in range(len(seq) - n + 1)
        )  # fmt: skip
        self._stems = stems
        self._beginnings = beginnings
        self._plain = plain
        self._outside_concepts = outside_concepts  # kinds of business none of ours is
        self._desk_concepts = desk_concepts
        self._stand_ins = stand_ins

    def outside_kind(
        self,
        texts: list[str],
        kept: list[tuple[str, int, int]],
        told: set[int],
        desks: ItemScores,
        spoken: set[str],
    ) -> bool:
        """Whether a kind of business none of ours is (a doctor, a repair shop) is asked
        about; not when a desk's topic is said first, the business's kind tells the problem and
        someone will not do it or help is asked ("my landlord won't repair the heating" is
        housing; "the doctor across from De Brem, does he see patients?" is the doctor, "where
        can I get my phone's screen repaired?" a repair shop)."""
        # Someone who will not do it ("wil ... niet herstellen") or a plea for help tells a
        # problem; where or for how much to have it done asks for the business.
        found = self.lex.intents.find(texts)
        # So does a doctor one asks to avoid, wherever the topic is said ("a nurse for the
        # wound on my foot, without going to my GP?": the foot is where it hurts, no
        # chiropodist asked for).
        avoided = bool(self.lex.bypassed.find(texts))
        # So does a hardship one of our desks handles, told: a supply cut off, a bill one can't
        # pay, money owed ("an eviction letter because of rent arrears", "on m'a coupé
        # l'électricité": the lawyer's kind or the haircut's is no business asked for).
        troubled = bool(
            self.lex.cut_off.find(texts)
            or self.lex.unpaid.find(texts)
            or any(c == DEBTS for c, _, _ in kept)
        )
        helped = troubled or (
            not any(m.payload[0] == WHERE for m in found)
            and (
                any(m.payload[0] in spoken for m in self.lex.language_negations.find(texts))
                or any(m.payload[0] in ("service_desk", "help_request") for m in found)
                or avoided
            )
        )
        outside = [i for c, i, _ in kept if c in self._outside_concepts and i not in told]
        if not outside:
            return False
        ours = [
            i for c, i, _ in kept if c in self._desk_concepts and c not in self._outside_concepts
        ]
        return not (
            helped
            and desks.best >= DESK_MIN
            and ours
            and (avoided or troubled or min(ours) < min(outside))
        )

    def spans(
        self,
        texts: list[str],
        skip: set[int],
        concept_hits: list[tuple[str, int, int]],
        centre_at: set[int],
        forms: dict[int, str] | None = None,
    ) -> list[tuple[int, int]]:
        """Where the message names an outside institution, business or profession (a
        consulate, a bike shop, a dentist): not inside a longer topic phrase of ours ("the
        bank app" is our digital help, "the bank" is not ours), nor a word of the titles of
        the data's own activities and desks ("bibliotheek" where a desk is called so), in
        another form too (`forms`: "на ярмарку" of our "Різдвяний ярмарок"), when the title's
        own word is such a thing ("festival" is no form of the "festive" of a lunch)."""
        named = [
            title if (title := (forms or {}).get(k)) and self.lex.foreign.lookup_word(title) else t
            for k, t in enumerate(texts)
        ]
        spans = []
        # "itsme ne marche pas": a word of an outside thing inside a longer phrase of ours.
        # Not a word in a phrase's gap ("czy w aptece przy De Brem jest dyżur").
        phrases = [
            (m.start, m.end)
            for m in self.lex.intents.find(texts)
            # Where one is going ("muszę iść na pocztę") may be an outside thing.
            if m.end - m.start > 1 and not m.gap and m.payload[0] != GOING_TO
        ]
        gapped = [(m.start, m.end) for m in self.lex.intents.find(texts) if m.gap]
        for m in self.lex.foreign.find(texts):
            # "hoe laat is het Kruispunt open": the clock phrase runs on into our centre by its
            # article; "la piscine Kapermolen" is a pool named after it.
            if m.start in skip or (m.end in centre_at and texts[m.end - 1] in self.lex.stopwords):
                continue
            # "la marche", "les marches": the walk, where "le marché" is the market
            if (
                m.end - m.start == 1
                and m.start > 0
                and texts[m.start - 1] in self.lex.ours_after.get(texts[m.start], ())
            ):
                continue
            if any(
                i < m.end and m.start < j and not (m.start <= i and j <= m.end)
                for i, j in (*((i, j) for _, i, j in concept_hits), *phrases)
            ) or any(m.start <= k < m.end for i, j in gapped for k in (i, j - 1)):
                continue
            content = [t for t in named[m.start : m.end] if t not in self.lex.stopwords]
            titled = bool(content) and all(t in self._title_words for t in content)
            # "au cinéma", "in de bioscoop": the town's cinema said as where, though a title or
            # a kind of ours has its word ("Après-midi cinéma"); with a centre of ours named
            # ("кіно в Oosthoek") it is our film there.
            in_town = self._place_in_town(named, m.start, m.end, content)
            if in_town and centre_at and (titled or self._our_kind(concept_hits, m.start, m.end)):
                continue
            if (titled and self._in_one_title(content) and not in_town) or self._said_as_title(
                named, m.start, m.end
            ):
                continue  # the data's own "Bibliotheek", "Kerstmarkt", "Sociaal restaurant"
            spans.append((m.start, m.end))
        return spans

    def elsewhere(
        self,
        texts: list[str],
        skip: set[int],
        compounding: bool,
        spoken: set[str],
        titled_at: AbstractSet[int] = frozenset(),
        split_at: AbstractSet[int] = frozenset(),
        capitals: AbstractSet[str] = frozenset(),
        topic_at: AbstractSet[int] = frozenset(),
    ) -> bool:
        """Whether a kind of outside thing that is also one of our titles (a Christmas market,
        a museum) is said in a place the bot knows nothing of ("de kerstmarkt in Gent",
        "Gent'teki Noel pazarı", "jarmark w Gandawie"): another town's, not ours. Our own
        town, centres and districts are known words; "in December" is a date. `titled_at`:
        words that are our title words in another form ("kerstmarkt" of "Kerstmarktje");
        `split_at`: the first of two words written apart for one ("kerst markt in Brugge").
        A name written with a capital (`capitals`, folded) the bot knows nothing of, right
        before the thing, says whose it is ("Gent Noel pazarı", "der Aachener
        Weihnachtsmarkt"); one that is a word of another title of ours, said as where, is a
        place too ("de kerstmarkt in Brugge" beside our day trip to Brugge). Words of a topic
        (`topic_at`: "świąteczny") stand between as the title's own do."""
        ours = [
            (m.start, m.end)
            for m in self.lex.foreign.find(texts)
            if m.start not in skip
            and (
                self.titled([t for t in texts[m.start : m.end] if t not in self.lex.stopwords])
                or self._said_as_title(texts, m.start, m.end)
            )
        ]
        # "de kerst markt in Gent": a title word of ours written apart, a market or shop by its
        # last part, as one word.
        ours += [(i, i + 2) for i in split_at if self.outside_head(texts[i] + texts[i + 1])]
        if compounding:
            ours += [
                (i, i + 1)
                for i, t in enumerate(texts)
                if i not in skip
                and (t in self._title_words or i in titled_at)
                and self.outside_head(t)
            ]
        if not ours:
            return False
        before = set().union(*(self.lex.located.get(lang, set()) for lang in spoken))
        after = set().union(*(self.lex.located_after.get(lang, set()) for lang in spoken))
        unknown = self.unexplained_at(texts, skip, compounding)

        def said_where(i: int) -> bool:
            return (i > 0 and texts[i - 1] in before) or (
                i + 1 < len(texts) and texts[i + 1] in after
            )

        places = {i for i in unknown if said_where(i)}
        said = {t for a, b in ours for t in texts[a:b] if t not in self.lex.stopwords}
        places |= {
            i
            for i, t in enumerate(texts)
            if i not in skip
            and t in capitals
            and t in self._title_words
            and said_where(i)
            and not any(said | {t} <= set(seq) for seq in self._title_sequences)
        }
        # "chcę się zapisać na wycieczkę na jarmark w Akwizgranie": another word of our titles
        # said beside the thing (our trip to that market) names ours.
        inside = {k for a, b in ours for k in range(a, b)}
        if any(k not in inside and k not in places for k in titled_at):
            return False
        # The title's other words between, its feast too ("jarmark bożonarodzeniowy w ...",
        # "Gent'teki Noel pazarı"), and words of a topic ("jarmark świąteczny")
        glue = set(self.lex.stopwords) | before | after | self._title_words | self.lex.dates.words
        glue |= {texts[k] for k in topic_at}
        if places and reaches(texts, ours, places, glue):
            return True
        # "Gent Noel pazarı": the name right before the thing, its title words between
        owners = {i for i in unknown if texts[i] in capitals}
        tight = set(self.lex.stopwords) | self._title_words | {texts[k] for k in topic_at}
        return any(
            reaches(texts, [(a, b)], {i for i in owners if i < a}, tight, OWNER_REACH)
            for a, b in ours
        )

    def places_unknown(
        self,
        texts: list[str],
        skip: set[int],
        compounding: bool,
        spoken: set[str],
        capitals: AbstractSet[str],
    ) -> set[int]:
        """Where a name the bot knows nothing of is said as where something is, after a word
        such as "in", "w", "в" (`place_prefixes`) or before a Turkish locative ending ("in
        Gent", "w Gandawie", "в Генті", "Gent'te"): a place that is none of ours (our town,
        centres and districts are known words). A name is written with a capital (`capitals`:
        the words so written, folded) where its script has capitals ("am liebsten" names no
        place); Arabic has none."""
        after = set().union(*(self.lex.located_after.get(lang, set()) for lang in spoken))

        def where(word: str) -> bool:  # "in", "w", "в", "في": one word saying where
            return any(m.payload[0] in spoken for m in self.lex.place_prefixes.find([word]))

        def named(word: str) -> bool:
            return word in capitals or word[0].lower() == word[0].upper()  # no capitals

        return {
            i
            for i in self.unexplained_at(texts, skip, compounding)
            if named(texts[i])
            and ((i > 0 and where(texts[i - 1])) or (i + 1 < len(texts) and texts[i + 1] in after))
        }

    def titled(self, content: list[str]) -> bool:
        """Whether these words all stand together in one of the data's own titles ("Iftar
        in het buurthuis" of ours names "iftar")."""
        return (
            bool(content)
            and all(t in self._title_words for t in content)
            and self._in_one_title(content)
        )

    def _place_in_town(self, texts: list[str], start: int, end: int, content: list[str]) -> bool:
        """Whether an outside thing's own phrase says it as where ("au cinéma", "at the
        cinema", "w kinie"): the place in town, though a title of ours has its word as a kind
        ("Après-midi cinéma"), unless that word is a whole title of ours ("Bibliotheek")."""
        located = set().union(*self.lex.located.values())
        return (
            end - start > 1
            and texts[start] in located
            and tuple(content) not in self._title_sequences
        )

    def _our_kind(self, concept_hits: list[tuple[str, int, int]], start: int, end: int) -> bool:
        """Whether a kind of business an activity of ours is (films where we show one) is
        named inside these words."""
        return any(
            c in self.lex.outside_unless_ours
            and c not in self._outside_concepts
            and start <= i
            and j <= end
            for c, i, j in concept_hits
        )

    def _said_as_title(self, texts: list[str], start: int, end: int) -> bool:
        """Whether an outside thing's words, with the next content word on either side, stand
        together in one of our titles: "le marché de Noël" where ours is "Marché de Noël" (its
        "marche" alone may be a walk, so it is no title word of its own)."""
        content = [t for t in texts[start:end] if t not in self.lex.stopwords]
        for step, k in ((-1, start - 1), (1, end)):
            while 0 <= k < len(texts) and texts[k] in self.lex.stopwords:
                k += step
            if not content or not 0 <= k < len(texts):
                continue
            wanted = tuple([texts[k], *content] if step < 0 else [*content, texts[k]])
            if wanted in self._title_runs:
                return True
        return False

    def _in_one_title(self, content: list[str]) -> bool:
        """Whether words of an outside name stand together in one of our titles: "Sociaal
        restaurant" does, "Club Brugge" does not where a walking club and a trip to Brugge
        are two titles."""
        n = len(content)
        if n == 1 or not self._title_sequences:
            return True
        return tuple(content) in self._title_runs

    def asks_the_way(self, texts: list[str], spans: list[tuple[int, int]]) -> bool:
        """Whether words apart from outside things and vehicles ask the way or the access
        ("how do I get to", "comment aller", "accessible"): "is there a bus to X on Saturday?"
        asks about the bus."""
        vehicles = {k for m in self.lex.vehicles.find(texts) for k in range(m.start, m.end)}
        outside = {k for a, b in spans for k in range(a, b)}
        return any(
            m.payload[0] in _WAY and not set(range(m.start, m.end)) <= vehicles | outside
            for m in self.lex.intents.find(texts)
        )

    def way_there(
        self, texts: list[str], spans: list[tuple[int, int]], spoken: set[str]
    ) -> set[tuple[int, int]]:
        """The outside things that say where one comes from ("from the station", "depuis la
        gare", "від вокзалу", "z dworca") or how ("a bus", "the tram")."""
        origin = set().union(*(self.lex.way_from.get(lang, set()) for lang in spoken))
        endings = tuple(e for lang in spoken for e in self.lex.way_from_endings.get(lang, ()))
        vehicles = {k for m in self.lex.vehicles.find(texts) for k in range(m.start, m.end)}
        glue = self.lex.stopwords | vehicles | {t for t in texts if t in self.lex.vehicles.words}
        way = set()
        for start, end in spans:
            if set(range(start, end)) <= vehicles or (
                endings and texts[end - 1].endswith(endings)
            ):
                way.add((start, end))
                continue
            k = start - 1
            for _ in range(ATTACH_REACH + 1):
                if k < 0:
                    break
                if texts[k] in origin:
                    way.add((start, end))
                    break
                if texts[k] not in glue and k not in vehicles:
                    break
                k -= 1
        return way

    def without_vehicles(
        self, texts: list[str], keywords: dict[str, float], spoken: set[str]
    ) -> dict[str, float]:
        """The keywords without an out-of-scope word that is a vehicle ("train") of the way."""
        vehicles = {k for m in self.lex.vehicles.find(texts) for k in range(m.start, m.end)}
        other = [
            m
            for m in self.lex.intents.find(texts)
            if m.payload[0] == "unknown" and not set(range(m.start, m.end)) <= vehicles
        ]
        if other:
            return keywords
        return {k: v for k, v in keywords.items() if k != "unknown"}

    def asks_our_nearest(
        self, texts: list[str], keywords: dict[str, float], outside: list[tuple[int, int]]
    ) -> bool:
        """Whether the message asks which of our centres is nearest ("ik woon bij de kerk in
        Eke, welk centrum is het dichtst?"): an outside thing beside it is a landmark of where
        the resident lives, not the subject. A word for a centre inside an outside thing's
        name ("shopping centre") or right after it ("the best pizza place") is no centre of
        ours."""
        if keywords.get("nearest_centre", 0.0) < ENOUGH:
            return False
        inside = {k for a, b in outside for k in range(a, b + 1)}
        if any(
            t in self.lex.centre_nouns and i not in inside and t not in self.city
            for i, t in enumerate(texts)
        ):
            return True
        # "we live in Beverlo near the church, which is closer for us?": where one lives is
        # told, and "nearest" is said of no outside thing ("the nearest pharmacy").
        return bool(self.lex.lives.find(texts)) and not self.nearest_thing(
            texts, outside, besides=True
        )

    def timetable(
        self,
        texts: list[str],
        skip: set[int],
        spoken: set[str],
        dated: bool = False,
    ) -> list[tuple[int, int]]:
        """Vehicles asked about with "when" or "what time" ("hoe laat rijdt bus 4", "le tram 9
        passe à quelle heure"), or running on a day ("le bus 96 passe le dimanche ?", "il y a un
        bus de nuit le samedi ?", "rijdt de bus met Pasen naar Stene?"): the transport
        company's timetable. "Which bus goes to the centre on Saturday?" asks the way to us."""
        vehicles = [
            (m.start, m.end)
            for m in self.lex.vehicles.find(texts)
            if m.start not in skip and not all(t in self._titles for t in texts[m.start : m.end])
        ]
        if not vehicles or self.lex.opening_words.find(texts):
            # "is Stene open? ik kom met de tram": the time asked is the centre's opening.
            return []
        # "welke bus moet ik nemen, ik moet er om 10 uur zijn": the way to us, for that hour
        # (a contact phrase around the vehicle's word, not that word alone).
        route = any(
            m.payload[0] in _WAY
            and any(m.start <= a and b <= m.end and m.end - m.start > b - a for a, b in vehicles)
            for m in self.lex.intents.find(texts)
        )
        # "how do I get to Molenkamp on Sunday, is bus 3 ok?" asks the way to us.
        # A phrase of several words, apart from the vehicle ("passe", "rijdt" are its running).
        way = any(
            m.payload[0] in _WAY
            and m.end - m.start > 1
            and not any(a < m.end and m.start < b for a, b in vehicles)
            for m in self.lex.intents.find(texts)
        )
        # "rijdt de bus op tweede paasdag naar Oosterend?", "Noel'de otobüsler Stene'ye
        # çalışıyor mu?": whether a vehicle runs on a day is the transport company's timetable,
        # to one of our districts too; "which bus goes to the centre on Saturday?" asks the way.
        # "як часто ходить автобус до Стене?", "le bus 12 passe par Heule ou l'itinéraire a
        # changé ?": how often it runs, a detour or a changed route is its service too.
        running = any(
            m.payload[0] in spoken and not any(a <= m.start and m.end <= b for a, b in vehicles)
            for m in self.lex.vehicle_running.find(texts)
        )
        timed = (
            self.timed(texts, vehicles)
            or running
            or (not route and (self._clock(texts, vehicles, spoken) or (dated and not way)))
        )
        return vehicles if timed else []

    def _clock(self, texts: list[str], vehicles: list[tuple[int, int]], spoken: set[str]) -> bool:
        """Whether an hour of the clock is named apart from a vehicle's line number: "bus 4
        morgen om 8 uur", "um 7 Uhr", "at 9am" ("bus 4" alone names the line)."""
        before = set().union(*(self.lex.clock_before.get(lang, set()) for lang in spoken))
        after = set().union(*(self.lex.clock_after.get(lang, set()) for lang in spoken))
        line_at = {b for _, b in vehicles}
        for i, t in enumerate(texts):
            if not t.isdigit() or i in line_at or not 0 <= int(t) <= 24:
                continue
            if (i > 0 and texts[i - 1] in before) or (
                i + 1 < len(texts) and texts[i + 1] in after
            ):
                return True
        return False

    def timed(self, texts: list[str], apart: list[tuple[int, int]]) -> bool:
        """Whether the message asks when or at what time, on words apart from `apart`."""
        beside = set().union(*self.lex.beside.values())
        return any(
            m.payload[0] in ("opening_hours", WHEN)
            and not any(a < m.end and m.start < b for a, b in apart)
            # "dicht bij", "close to": near, not closed
            and not (m.end < len(texts) and {*texts[m.start : m.end + 1]} <= beside)
            for m in self.lex.intents.find(texts, longest=False)
        )

    def attached(
        self,
        texts: list[str],
        spans: list[tuple[int, int]],
        centre_at: frozenset[int],
        spoken: set[str],
    ) -> bool:
        """Whether an outside thing stands right beside a centre's name, with only small words
        between ("piscine de Kapermolen", "apotheek naast De Pelikaan", "Kapermolen pool")."""
        if not spans or not centre_at:
            return False
        glue = set(self.lex.stopwords) | {t for t in texts if t.isdigit()}  # "tram 9 à"
        # "la pharmacie en face du buurthuis De Brem", "le supermarché turc près de De Linde"
        glue |= self.lex.centre_words
        for lang in spoken:
            glue |= self.lex.located.get(lang, set())
            glue |= self.lex.located_after.get(lang, set())
            glue |= self.lex.beside.get(lang, set())
            glue |= self.lex.origins.get(lang, set())
        return reaches(texts, spans, centre_at, glue, LANDMARK_REACH)

    def named(
        self,
        texts: list[str],
        skip: set[int],
        concept_hits: list[tuple[str, int, int]],
        centre_at: set[int],
        spans: list[tuple[int, int]] | None = None,
        hours: bool = False,
    ) -> bool:
        """Whether the message names an outside thing (`_foreign_spans`), unless it names
        papers from an outside institution ("a letter from the tax office" is our desk's).
        Papers beside an institution whose hours are asked (`hours`: "коли відкривається
        мерія для оформлення документів") are done there, not read at our desk."""
        if spans is None:
            spans = self.spans(texts, skip, concept_hits, centre_at)
        # "чи можна там платити карткою" at the Lidl: paying there is no paper from it.
        paying = [(m.start, m.end) for m in self.lex.intents.find(texts) if m.payload[0] == PAY]
        papers = {
            c
            for c, i, j in concept_hits
            if c in self.lex.papers and not any(a <= i and j <= b for a, b in (*spans, *paying))
        }
        # "коли працює мерія, треба продовжити документи, ну паспорт": identity papers are
        # the town hall's to renew, not a letter for our desk to read.
        # A letter or form about one's passport is still read at our desk.
        identity = (
            bool(spans)
            and ((hours and papers <= _DONE_THERE) or bool(self.lex.identity_papers.find(texts)))
            and not papers & _READ_AT_OUR_DESK
        )
        if papers & (self._desk_concepts | set(self._stand_ins)) and not identity:
            return False
        return bool(spans)

    def unexplained(
        self, texts: list[str], used: set[int], compounding: bool = False
    ) -> tuple[str, ...]:
        """Content words the bot knows nothing of ("slager", "kasap"): what a message is
        about when it names only an area of ours ("de slager in Oosterpark")."""
        return tuple(texts[i] for i in self.unexplained_at(texts, used, compounding))

    def unexplained_at(
        self, texts: list[str], used: set[int], compounding: bool = False
    ) -> list[int]:
        """Where the content words the bot knows nothing of are (`_unexplained`)."""
        out = []
        for i, t in enumerate(texts):
            if i in used or len(t) < 4 or t.isdigit() or t in self._known:
                continue
            if any(t[:k] in self._stems for k in range(max(3, len(t) - INFLECTION), len(t) + 1)):
                continue  # a form of a stem ("inschrijving")
            if compounding and self.outside_head(t):
                out.append(i)  # "Kerstmarkt", "Computerwinkel": a market, a shop
                continue
            if any(t[:k] in self._stems for k in range(3, len(t) + 1)):
                continue
            if t[:UNEXPLAINED_PREFIX] in self._beginnings or self._compound(t):
                continue
            out.append(i)
        return out

    def fare(self, texts: list[str], skip: set[int]) -> list[tuple[int, int]]:
        """Where a vehicle's fare is asked: a vehicle not of our titles ("bus", "trein",
        "автобус") and a word of a price or ticket ("kaartje", "billet", "how much"): the
        transport company's price, not ours. Empty where either is missing."""
        vehicles = [
            (m.start, m.end)
            for m in self.lex.vehicles.find(texts)
            if m.start not in skip and not all(t in self._titles for t in texts[m.start : m.end])
        ]
        fares = [(m.start, m.end) for m in self.lex.fares.find(texts) if m.start not in skip]
        return vehicles + fares if vehicles and fares else []

    def best_food(self, texts: list[str], dishes_at: AbstractSet[int]) -> list[tuple[int, int]]:
        """Where the best or tastiest dish or meal is asked, a word for it (`best_food`) right
        before the dish's words (`dishes_at`) with at most BEST_REACH other words between ("de
        beste vissoep", "en iyi balık çorbası", "найкращий рибний суп"): the town's eateries
        compared, no meal of ours asked about."""
        spans = []
        for m in self.lex.best_food.find(texts):
            if any(k in dishes_at for k in range(m.end, min(m.end + BEST_REACH + 1, len(texts)))):
                spans.append((m.start, m.end))
        return spans

    def rent(self, texts: list[str], skip: AbstractSet[int]) -> list[tuple[int, int]]:
        """Where the price of a home on the market is asked: a home or its rent (`homes`:
        "appartement", "loyer", "kira") and a word of a price ("hoeveel kost", "ne kadar"), or
        the going rent in one phrase (`home_prices`: "huurprijzen", "going rent"), or a home
        where homes are advertised (`listings`: "in de krant", "Immoweb"); not when the rent
        cannot be paid ("ik kan de huur niet betalen" is money trouble for our desk). Empty
        where none is asked."""
        if self.lex.unpaid.find(texts):
            return []
        said = [(m.start, m.end) for m in self.lex.home_prices.find(texts) if m.start not in skip]
        homes = [(m.start, m.end) for m in self.lex.homes.find(texts) if m.start not in skip]
        prices = [(m.start, m.end) for m in self.lex.fares.find(texts) if m.start not in skip]
        # "Staat er een huurwoning in de krant?": a home advertised is on the market too.
        prices += [(m.start, m.end) for m in self.lex.listings.find(texts) if m.start not in skip]
        return said + (homes + prices if homes and prices else [])

    def help_asked(self, texts: list[str]) -> bool:
        """Whether help is asked ("kan iemand mij helpen?", "where can I get help?"): a phrase
        of a desk's help or of a plea for it."""
        return any(
            m.payload[0] in ("service_desk", "help_request") for m in self.lex.intents.find(texts)
        )

    def home_sought(
        self, texts: list[str], kept: list[tuple[str, int, int]]
    ) -> list[tuple[int, int]]:
        """The words saying a home is for rent (`to_let`: "à louer", "do wynajęcia", "te
        huur") where a home is the topic and a desk's help is asked with it ("is there a
        walk-in for that?"): the home one looks for. Empty where no help is asked ("a flat for
        rent in the paper" is the market's)."""
        desk_help = any(m.payload[0] == "service_desk" for m in self.lex.intents.find(texts))
        if not desk_help or not any(c == HOUSING for c, _, _ in kept):
            return []
        return [(m.start, m.end) for m in self.lex.to_let.find(texts)]

    def other_tongue(
        self, texts: list[str], kept: list[tuple[str, int, int]], spoken: set[str]
    ) -> list[tuple[int, int]]:
        """The outside things named only in languages the message is not in whose words are
        exactly a topic of ours ("foot" of an English message: the feet, not the French
        football)."""
        topics = {(i, j) for _, i, j in kept}
        return [
            (m.start, m.end)
            for m in self.lex.foreign.find(texts)
            if (m.start, m.end) in topics
            and not any(
                n.payload[0] in spoken or n.payload[0] == "*"  # "*": a word of every language
                for n in self.lex.foreign.find(texts[m.start : m.end])
                if n.end - n.start == m.end - m.start
            )
        ]

    def creditor_acting(self, texts: list[str], concepts: AbstractSet[str]) -> bool:
        """Whether what a creditor named (`creditors`: the bank) will or may do about one's debt
        is asked ("wat gaat de bank nu doen?", "la banque peut saisir ma maison ?", "що банк
        може зробити?"): its own steps, not help with the debt."""
        return bool(concepts & self.lex.creditors) and bool(self.lex.creditor_acts.find(texts))

    def recipe_spans(self, texts: list[str], compounding: bool) -> list[tuple[int, int]]:
        """Where a recipe is asked: a recipe or how to cook ("recept", "كيف بطبخ"), or how a
        dish is made or what goes into it ("hoe maak je de tomatensoep", "Zutaten", "çorbayı
        nasıl yapıyorsunuz") where a dish is named; "how do I make an appointment" names none.
        Dutch and German write the dish last in one word ("tomaten|soep", "Erbsen|suppe")."""
        spans = [(m.start, m.end) for m in self.lex.recipes.find(texts)]
        making = [(m.start, m.end) for m in self.lex.making.find(texts)]
        if making and (
            self.lex.dishes.find(texts)
            or (
                compounding
                and any(
                    len(t) - len(w) >= COMPOUND_PART and t.endswith(w)
                    for t in texts
                    for w in self.lex.dishes.words
                    if len(w) >= COMPOUND_PART
                )
            )
        ):
            spans += making
        return spans

    def beside_centre(
        self, texts: list[str], at: list[int], centre_at: frozenset[int], spoken: set[str]
    ) -> bool:
        """Whether a word at `at` stands beside a centre's name with a word for beside between
        ("naast", "across from", "karşısındaki", "навпроти"), not only "in" or "at": the
        centre then says where the thing is."""
        if not at or not centre_at:
            return False
        beside: set[str] = set()
        glue = set(self.lex.stopwords) | self.lex.centre_words
        located: set[str] = set()
        for lang in spoken:
            beside |= self.lex.beside.get(lang, set())
            located |= self.lex.located.get(lang, set()) | self.lex.located_after.get(lang, set())
            glue |= self.lex.origins.get(lang, set())
        glue |= beside | located
        beside = {w for w in beside - self.lex.stopwords - located if len(w) > BESIDE_MIN_LENGTH}
        phrases = set().union(*(self.lex.beside_phrases.get(lang, set()) for lang in spoken))

        def says_beside(k: int) -> bool:
            """ "dicht bij De Brem": a word for beside said in its whole phrase ("de brug is
            dicht, is De Sluis open?" says closed)."""
            return texts[k] in beside and any(
                tuple(texts[s : s + len(p)]) == p
                for p in phrases
                for s in range(max(0, k - len(p) + 1), k + 1)
            )

        for i in at:
            for step in (-1, 1):
                k, said = i + step, False
                for _ in range(LANDMARK_REACH + 1):
                    if k in centre_at:
                        if said:
                            return True
                        break
                    if not 0 <= k < len(texts) or texts[k] not in glue:
                        break
                    said = said or says_beside(k)
                    k += step
        return False

    def near_centre(
        self,
        texts: list[str],
        spans: list[tuple[int, int]],
        centre_at: AbstractSet[int],
        date_at: AbstractSet[int],
        spoken: set[str],
    ) -> bool:
        """Whether an outside thing is said before our centre or a word for one, with a word for
        near between and only small words or its day besides ("في سوق خضرة يوم الأحد قريب من
        مركز ...", "een markt in de buurt van het buurtcentrum"): the centre is its landmark."""
        targets = set(centre_at) | {i for i, t in enumerate(texts) if t in self.lex.centre_nouns}
        if not spans or not targets:
            return False
        near: set[str] = set()
        for lang in spoken:
            near |= self.lex.beside.get(lang, set()) | self.lex.located.get(lang, set())
        glue = set(self.lex.stopwords) | self.lex.centre_words | near
        near = {w for w in near - self.lex.stopwords if len(w) > BESIDE_MIN_LENGTH}
        # The thing is said first: "near the church" after "I live in Heule" is where one lives.
        for start, end in spans:
            if any(t in self.lex.access_places for t in texts[start:end]):
                continue  # a station or a car park near our centre: the way to it
            k, said = end, False
            for _ in range(LANDMARK_REACH + 1):
                if k in targets:
                    return said
                if not 0 <= k < len(texts) or (texts[k] not in glue and k not in date_at):
                    break
                said = said or texts[k] in near
                k += 1
        return False

    def grounds(
        self, texts: list[str], skip: set[int], names_item: bool, spoken: set[str]
    ) -> list[tuple[int, int]]:
        """Where a park or a cemetery is named ("hoe laat sluit het kerkhof van Sint-Jozef",
        "Heule mezarlığı", "the park at Ter Beke"): the town's grounds asked about, unless an
        activity or desk of ours is named ("is the walking club in the park?" goes there)."""
        if names_item:
            return []
        return [
            (m.start, m.end)
            for m in self.lex.grounds.find(texts)
            # in the message's language: "park" is a verb in English ("where can I park")
            if m.start not in skip and m.payload[0] in spoken
        ]

    def of_origin(
        self, texts: list[str], kept: list[tuple[str, int, int]], spoken: set[str]
    ) -> list[tuple[int, int]]:
        """Kinds of business (`outside_unless_ours`: a school, a hairdresser, a doctor) with a
        word of where they come from beside them, over day words ("a Polish Saturday school")."""
        origins = set().union(*(self.lex.origins.get(lang, set()) for lang in spoken))
        if not origins or not any(t in origins for t in texts):
            return []
        glue = origins | self.lex.dates.words | self.lex.stopwords
        spans = []
        for c, i, j in kept:
            if c not in self.lex.outside_unless_ours:
                continue
            for step, k in ((-1, i - 1), (1, j)):
                for _ in range(ORIGIN_REACH):
                    if not 0 <= k < len(texts) or texts[k] not in glue:
                        break
                    if texts[k] in origins:
                        spans.append((i, j))
                        break
                    k += step
        return spans

    def nearest_thing(
        self, texts: list[str], spans: list[tuple[int, int]], *, besides: bool = False
    ) -> bool:
        """Whether "nearest" is said of an outside thing right after it ("the nearest cash
        machine", "en yakın eczane"), not of a centre ("een station dicht bij De Zonnewijzer"
        is near it); with `besides`, not by a word for beside ("near the station" is where
        one lives)."""
        starts = {a for a, _ in spans}
        beside = set().union(*self.lex.beside.values()) if besides else set()
        for m in self.lex.intents.find(texts, longest=False):
            if m.payload[0] != "nearest_centre" or " ".join(texts[m.start : m.end]) in beside:
                continue
            k = m.end
            while k < len(texts) and k not in starts and texts[k] in self.lex.stopwords:
                k += 1
            if k in starts:
                return True
        return False

    def outside_head(self, token: str) -> bool:
        """Whether a Dutch or German compound ends in a word of an outside thing: its last
        part says what it is ("Computer|winkel", "Weihnachts|markt"), unless its first part
        is a word for our centres ("Sociaal|restaurant")."""
        for k in range(COMPOUND_PART, len(token) - COMPOUND_PART + 1):
            first, head = token[:k], token[k:]
            if first in self.lex.centre_words or not (
                first in self._known or any(first[:j] in self._stems for j in range(3, k + 1))
            ):
                continue
            if self.lex.foreign.lookup_word(head) and head not in self.lex.stopwords:
                return True
        return False

    def served_there(self, texts: list[str], acts: ItemScores, spoken: set[str]) -> bool:
        """Whether the activity words are said of an outside place right after them, with only
        small words between: "das Mittagessen in der Mensa", "obiad w stołówce szpitalnej" is
        that canteen's lunch, not ours ("lunch near the station" still asks for ours)."""
        spans = self.spans(texts, set(), [], set())
        if not spans:
            return False
        at = {i for positions in acts.direct_positions.values() for i in positions}
        if not at:
            return False
        glue = set(self.lex.stopwords)
        near: set[str] = set()
        for lang in spoken:
            glue |= self.lex.located.get(lang, set())
            near |= self.lex.beside.get(lang, set())
        glue -= near - self.lex.stopwords  # "near", "naast", "nahe": beside it, not there
        # Before the place ("lunch in the canteen"), or right after it with its case ending
        # ("üniversite yemekhanesinde öğle yemeği").
        return reaches(texts, spans, at, glue)

    def as_occasion(self, texts: list[str], spans: list[tuple[int, int]]) -> bool:
        """Whether every outside thing is said as the occasion of the question, after a word for
        it or before one with only small words between ("gesloten voor de kermis", "because of
        the fair", "panayır yüzünden"), not as its subject ("hoe laat sluit de bakker")."""
        before = {m.end for m in self.lex.occasion_before.find(texts, longest=False)}
        after = {m.start for m in self.lex.occasion_after.find(texts, longest=False)}

        def said_as_occasion(start: int, end: int) -> bool:
            k = start
            for _ in range(OCCASION_REACH + 1):
                if k in before:
                    return True
                if k == 0 or texts[k - 1] not in self.lex.stopwords:
                    break
                k -= 1
            return end in after

        return bool(spans) and all(said_as_occasion(start, end) for start, end in spans)

    def located(self, texts: list[str], used: frozenset[int], spoken: set[str]) -> bool:
        """Whether a place is named as where something is: after "in", "van", "de", "w" or
        before a Turkish locative ending ("Stene'deki"), in the message's language (Dutch
        "of Stene" is "whether Stene")."""
        if not used:
            return False
        first, last = min(used), max(used)
        before = texts[first - 1] if first > 0 else ""
        after = texts[last + 1] if last + 1 < len(texts) else ""
        return any(
            before in self.lex.located.get(lang, ())
            or after in self.lex.located_after.get(lang, ())
            for lang in spoken
        )

    def placed_elsewhere(self, texts: list[str], at: list[int], spoken: set[str]) -> bool:
        """Whether one of the words at `at` (words the bot knows nothing of) is named as where
        something is ("in Gent", "w Antwerpii", "Rotterdam'da"): a place that is not ours; not
        where one comes from ("van", "de", "z")."""
        origin = set().union(*(self.lex.way_from.get(lang, set()) for lang in spoken))
        return any(
            self.located(texts, frozenset({i}), spoken) and not (i > 0 and texts[i - 1] in origin)
            for i in at
        )

    def _compound(self, token: str) -> bool:
        """Whether a word is two everyday or date words written as one ("Freitagnachmittag");
        not two topic words ("Kringloopwinkel" is a shop, not us)."""
        return any(
            token[:k] in self._plain and token[k:] in self._plain
            for k in range(COMPOUND_PART, len(token) - COMPOUND_PART + 1)
        )

    def judge(
        self,
        texts: list[str],
        *,
        skip: set[int],
        concept_hits: list[tuple[str, int, int]],
        kept: list[tuple[str, int, int]],
        told: set[int],
        spoken: set[str],
        centre_at: frozenset[int],
        own: bool,
        found_centre: bool,
        place_only: bool,
        names_item: bool,
        compounding: bool,
        dated: bool,
        desks: ItemScores,
        keywords: dict[str, float],
        date_at: AbstractSet[int] = frozenset(),
        titled_at: AbstractSet[int] = frozenset(),
        joined_at: AbstractSet[int] = frozenset(),
        forms: dict[int, str] | None = None,
    ) -> Outside:
        """What the message names that is not ours, and whether it is about that thing: a
        business in town, a vehicle's timetable, a thing with our centre as its landmark.
        `centre_at` are the words naming a centre (`own`: by its building's own name);
        `titled_at` the words that are a title word of ours in another form ("kerstmarkt" of
        our "Kerstmarktje"), no outside compound; `joined_at` two words written apart for one
        title word of ours ("kerst markt"), no outside thing either; `forms` the title words
        that words of the message are inflected forms of ("ярмарку" of "ярмарок")."""
        # "une école arabe", "a Polish Saturday school", "de Turkse kapper": a kind of business
        # said with where it comes from is one in town, even where we have one of that kind.
        outside_spans = [
            (i, j)
            for i, j in self.spans(
                texts, skip | set(joined_at), concept_hits, set(centre_at), forms
            )
            + self.of_origin(texts, kept, spoken)
            + self.grounds(texts, skip, names_item, spoken)
            if not all(k in told for k in range(i, j))
        ]
        # "Je cherche un appartement à louer, il y a une permanence pour ça ?": a home for rent
        # sought, with a desk's help asked, is the housing desk's topic, not the market's.
        sought = self.home_sought(texts, kept)
        # "the wound on my foot": a word of ours in the message's language is no outside thing
        # of another language (the French "foot", football).
        sought += self.other_tongue(texts, kept, spoken)
        outside_spans = [s for s in outside_spans if s not in sought]
        # "la piscine Kapermolen", "the pharmacy next to De Pelikaan", "Het Anker'in yanındaki
        # market": an outside thing named with our centre's own name is that thing, beside or
        # named after the centre; the name says where it is, not what is asked about.
        # "Is er een parking of station dicht bij De Zonnewijzer?": a way to reach us (a
        # contact phrase of the lexicon) asks how to get to the centre, unless asked with a time.
        # Not a contact word inside an outside thing's phrase: "hoeveel kost parkeren in de
        # Kapellestraat" asks the town's parking price, not the way to us.
        reaching = any(
            m.payload[0] in _WAY and not any(i <= m.start and m.end <= j for i, j in outside_spans)
            for m in self.lex.intents.find(texts)
        )
        # "zu Fuß": on foot, not "zu" (closed); a way of coming asks no time.
        timed = self.timed(texts, [(m.start, m.end) for m in self.lex.vehicles.find(texts)])
        # "the Polish shop near Het Veer", "De Brem'in karşısındaki doktor": a kind of business
        # none of ours is (a shop, a doctor) stands beside the centre as an outside thing does.
        outside_kinds = [(i, j) for c, i, j in kept if c in self._outside_concepts]
        # "de Chinese traiteur tegenover De Brem": a word the bot knows nothing of, said beside
        # (not in) our centre by its own name, is a thing there; the centre is its landmark.
        landmark = (
            own
            and not names_item
            and self.beside_centre(
                texts, self.unexplained_at(texts, skip, compounding), centre_at, spoken
            )
        )
        attached = landmark or (
            not (reaching and not timed)
            and self.attached(texts, outside_spans + outside_kinds, centre_at, spoken)
        )
        # "waar is hier de dichtstbijzijnde bankautomaat?": the nearest outside thing is asked,
        # wherever the resident stands.
        attached = attached or self.nearest_thing(texts, outside_spans + outside_kinds)
        # "في سوق خضرة يوم الأحد قريب من مركز ...", "een markt in de buurt van het buurtcentrum":
        # a thing in town said near our centre, or near a word for one, has it as its landmark.
        near_centre = self.near_centre(texts, outside_spans, centre_at, date_at, spoken)
        attached = attached or near_centre
        if (
            reaching
            and not timed
            and found_centre
            and not place_only
            and self.asks_the_way(texts, outside_spans)
        ):
            # "How do I get to Far West from the train station? Is there a bus?": the way to
            # our centre; the station is where the resident comes from, the bus how.
            way = self.way_there(texts, outside_spans, spoken)
            outside_spans = [s for s in outside_spans if s not in way]
            if way and not outside_spans:
                keywords = self.without_vehicles(texts, keywords, spoken)
        # "le tram 9 passe à quelle heure à Moerwijk", "hoe laat rijdt bus 4 langs De Schakel":
        # a vehicle asked about with a time is the subject; our centre is where it stops.
        # "Czy De Kaap jest czynne w Wigilię? autobusy jeżdżą": a bus told beside asks nothing.
        timetable = [] if names_item else self.timetable(texts, skip | told, spoken, dated)
        outside_spans += timetable
        attached = attached or bool(timetable)
        foreign = (
            landmark
            or self.named(
                texts,
                skip,
                concept_hits,
                set(centre_at),
                outside_spans,
                # "коли відкривається мерія", "до котрої там працюють": when it is open;
                # "I'm afraid to open my post" asks no hours.
                hours=not found_centre
                and keywords.get("opening_hours", 0.0) >= ENOUGH
                and (keywords.get(WHEN, 0.0) > 0 or keywords["opening_hours"] >= HOURS_ASKED),
            )
            # "when is Eid this year?": another calendar's feast with no centre of ours named
            # asks its date; "is Bouwlust open on Eid?" asks about us that day.
            or (not found_centre and bool(self.lex.feasts.find(texts)))
            # "my landlord won't repair the heating": a kind of business none of ours is,
            # said of a problem on a desk's topic, is that problem, not a business in town.
            or self.outside_kind(texts, kept, told, desks, spoken)
            or (
                compounding
                and any(
                    self.outside_head(t)
                    for i, t in enumerate(texts)
                    if i not in skip | told | titled_at and t not in self._known
                )
            )
        )
        if foreign and keywords.get(REOPEN) and found_centre and not place_only and not attached:
            # "Wanneer gaat De Molekens weer open na de schilderwerken?": the works are why our
            # centre closed; its reopening is asked, not the painters in town.
            foreign = False
        institution = foreign and any(c in self.lex.papers for c, _, _ in concept_hits)
        return Outside(foreign, attached, outside_spans, keywords, institution, near_centre)
