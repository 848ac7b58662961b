"""The per-language vocabulary (conversations/lexicon/*.yaml), loaded once and indexed."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import yaml

from conversations.understanding.text import fold, words
from storage.model import LANGUAGES

MAX_REMEMBERED_TOKENS = 20_000  # per phrase index; cleared when full
# Finds remembered per phrase index, the least recently used forgotten first: the steps of one
# message look up its same words again and again ("intents" some fifteen times), a few
# messages' worth. A find depends on the words alone, so a remembered one is the same find.
MAX_REMEMBERED_FINDS = 16
GAP = "..."  # in a phrase: up to GAP_WORDS other words ("schrijf ... uit", "melde ... ab")
GAP_WORDS = 5
_GAP = "\x00gap"  # the gap as indexed: no folded word can equal it
MAX_FILLERS = 2  # filler words skipped inside one phrase ("schrijf me maar uit")

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicon"

# Words of these intents name topics ("zitdag", "spreekuur"), so titles may use them too.
_TOPIC_INTENTS = frozenset({"service_desk"})

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_COUNTING = frozenset({"weekday_before", "weekday_after"})  # `dates` keys for `day_counts`


DAY_CONCEPTS = frozenset({"public_holiday"})
"""Concepts that are a kind of day ("bank holiday"), no kind of activity a data file can name:
they keep "bank" from naming banking, and beside a holiday they make no activity of it."""


@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon phrase found in a message: tokens [start, end) and what the phrase means."""

    start: int
    end: int
    payload: tuple[Any, ...]
    gap: bool = False  # the phrase has a gap ("czy ... jest"): words inside may be no part of it


class PhraseIndex:
    """Phrases of one or more words, each word exact or a prefix ("inschrij*"), found in tokens."""

    def __init__(self) -> None:
        self._exact: dict[str, list[tuple[tuple[str, ...], tuple[Any, ...]]]] = defaultdict(list)
        self._prefix: dict[str, list[tuple[tuple[str, ...], tuple[Any, ...]]]] = defaultdict(list)
        self._prefix_lengths: set[int] = set()
        self.words: set[str] = set()  # every exact word, for language scores and fuzzy look-ups
        self.stems: set[str] = set()  # every prefix word
        self._seen: dict[str, tuple[tuple[tuple[str, ...], tuple[Any, ...]], ...]] = {}
        # the words -> every find, and the longest ones when asked for
        self._found: dict[tuple[str, ...], tuple[tuple[Match, ...], tuple[Match, ...] | None]] = {}
        self._found_fillers = 0  # how many fillers there were when `_found` was filled
        # Words that may stand between the words of a phrase without changing it: modal
        # particles and adverbs ("schrijf me maar uit", "where exactly is", "bin ich schon").
        self.fillers: set[str] = set()

    def add(self, phrase: str, payload: tuple[Any, ...]) -> None:
        """Index one phrase; a trailing "*" on a word makes it match any ending."""
        self._seen.clear()
        self._found.clear()
        raw = phrase.split()
        pattern: list[str] = []
        for part in raw:
            if part in (GAP, "…"):
                if pattern and pattern[-1] != _GAP:
                    pattern.append(_GAP)
                continue
            star = part.endswith("*")
            folded = words(part.rstrip("*"))
            if not folded:
                continue
            pattern.extend(folded[:-1])
            pattern.append(folded[-1] + ("*" if star else ""))
        while pattern and pattern[-1] == _GAP:
            pattern.pop()
        if not pattern:
            return
        for word in pattern:
            if word == _GAP:
                continue
            (self.stems if word.endswith("*") else self.words).add(word.rstrip("*"))
        first = pattern[0]
        entry = (tuple(pattern), payload)
        if first.endswith("*"):
            self._prefix[first[:-1]].append(entry)
            self._prefix_lengths.add(len(first) - 1)
        else:
            self._exact[first].append(entry)

    def _candidates(self, token: str) -> tuple[tuple[tuple[str, ...], tuple[Any, ...]], ...]:
        """The phrases that may start at `token`, remembered per token: words recur a lot."""
        found = self._seen.get(token)
        if found is None:
            if len(self._seen) > MAX_REMEMBERED_TOKENS:
                self._seen.clear()
            found = (*self._exact.get(token, ()),)
            for length in self._prefix_lengths:
                if length <= len(token):
                    found += (*self._prefix.get(token[:length], ()),)
            self._seen[token] = found
        return found

    def most_specific(self, token: str) -> list[tuple[Any, ...]]:
        """Payloads of the longest one-word phrases this token matches: "sozialwohnung*"
        (housing) over "sozial*" (social) for "Sozialwohnungen"."""
        found = [(len(pat[0]), p) for pat, p in self._candidates(token) if len(pat) == 1]
        longest = max((n for n, _ in found), default=0)
        return [p for n, p in found if n == longest]

    def lookup_word(self, token: str) -> list[tuple[Any, ...]]:
        """Payloads of one-word phrases that this single token matches."""
        return [p for pat, p in self._candidates(token) if len(pat) == 1]

    def find(self, tokens: Sequence[str], *, longest: bool = True) -> list[Match]:
        """Every phrase in `tokens`; with `longest`, overlapping shorter finds are dropped.

        Remembered for the same words, with and without `longest` (a new list each time: the
        caller may change it)."""
        if self._found_fillers != len(self.fillers):  # fillers are only ever added
            self._found.clear()
            self._found_fillers = len(self.fillers)
        key = tuple(tokens)
        remembered = self._found.pop(key, None)
        if remembered is None:
            remembered = (tuple(self._find(key)), None)
            if len(self._found) >= MAX_REMEMBERED_FINDS:
                del self._found[next(iter(self._found))]
        every, longer = remembered
        if longest and longer is None:
            longer = tuple(longest_only(list(every)))
        self._found[key] = (every, longer)  # the most recently used last
        return list(longer) if longest and longer is not None else list(every)

    def _find(self, tokens: Sequence[str]) -> list[Match]:
        found: list[Match] = []
        for i, token in enumerate(tokens):
            for pattern, payload in self._candidates(token):
                if len(pattern) == 1:  # most phrases: one word, and the token is a candidate
                    found.append(Match(i, i + 1, payload))
                    continue
                end = self._match_rest(pattern, 1, tokens, i + 1, MAX_FILLERS)
                if end is not None:
                    found.append(Match(i, end, payload, _GAP in pattern))
        return found

    def _match_rest(
        self, pattern: tuple[str, ...], k: int, tokens: Sequence[str], i: int, fillers: int
    ) -> int | None:
        """Where the phrase ends when its words from `k` on match from token `i`, or None.

        A gap takes up to GAP_WORDS words, the fewest that let the rest match; a filler word
        between two words of the phrase is passed over, at most `fillers` of them."""
        if k == len(pattern):
            return i
        word = pattern[k]
        if word == _GAP:
            for skipped in range(GAP_WORDS + 1):
                end = self._match_rest(pattern, k + 1, tokens, i + skipped, fillers)
                if end is not None:
                    return end
            return None
        if i >= len(tokens):
            return None
        if _word_matches(word, tokens[i]):
            return self._match_rest(pattern, k + 1, tokens, i + 1, fillers)
        if fillers and tokens[i] in self.fillers:
            return self._match_rest(pattern, k, tokens, i + 1, fillers - 1)
        return None


def longest_only(found: list[Match]) -> list[Match]:
    """The finds that no longer find overlaps, in text order; every meaning of a kept span stays
    ("open" is Dutch, English and German)."""
    taken: set[int] = set()
    spans: set[tuple[int, int]] = set()
    kept: list[Match] = []
    for m in sorted(found, key=lambda m: (m.start - m.end, m.start)):
        if (m.start, m.end) not in spans:
            if any(i in taken for i in range(m.start, m.end)):
                continue
            taken.update(range(m.start, m.end))
            spans.add((m.start, m.end))
        kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept


def _word_matches(pattern: str, token: str) -> bool:
    if pattern.endswith("*"):
        return token.startswith(pattern[:-1])
    return token == pattern


def _weighted(entries: Any) -> list[tuple[str, float]]:
    """Lexicon lists hold "phrase" (weight 1) or {phrase: weight}; mappings are allowed too."""
    out: list[tuple[str, float]] = []
    if isinstance(entries, dict):
        return [(str(k), float(v)) for k, v in entries.items()]
    for entry in entries or ():
        if isinstance(entry, dict):
            out.extend((str(k), float(v)) for k, v in entry.items())
        else:
            out.append((str(entry), 1.0))
    return out


@dataclass(frozen=True)
class NameCases:
    """How a language declines a place name of the data (Polish "Stene" -> "w Stenie", "Lange
    Munte" -> "w Lange Muncie", "Molenhoek" -> "do Molenhoeku", "Opex" -> "w Opeksie"): the
    last vowel in `drop` left off, a last letter `respell` writes otherwise before an ending
    ("x" as "ks"), then an ending of `endings`, or the locative: `locatives` changes the last
    consonant ("t" -> "cie"), any other takes `locative`. `spelling` gives an ending also in
    another spelling after a letter ("k" + "y" is written "ki", "k" + "em" "kiem"). The forms
    are made once, when the organisation's names are indexed (entities.CentreIndex)."""

    drop: frozenset[str]
    endings: tuple[str, ...]
    locative: str
    locatives: dict[str, str]
    spelling: dict[str, dict[str, str]]
    respell: dict[str, str] = field(default_factory=dict)
    # The language writes our names in another script (Ukrainian): its forms are matched as
    # heard, a word of it in Latin letters ("Кімом" as "kimom" of Kiem), never as written.
    heard: bool = False

    def forms(self, name: str) -> tuple[str, set[str]]:
        """The name's stem (without its dropped vowel) and its declined forms."""
        stem = name[:-1] if name[-1] in self.drop and name[-2] not in VOWELS else name
        if stem[-1] in VOWELS:
            return stem, set()  # "Kaai", "Overleie": not declined
        said = stem[:-1] + self.respell.get(stem[-1], stem[-1])  # "Opex" as "Opeks"
        spelled = self.spelling.get(said[-1], {})
        forms = {said + e for e in self.endings} | {said + spelled.get(e, e) for e in self.endings}
        changed = [said[: -len(k)] + v for k, v in self.locatives.items() if said.endswith(k)]
        forms |= set(changed[:1]) or {said + self.locative}
        return stem, forms - {name}


VOWELS = frozenset("aeiouy")


@dataclass
class Lexicon:
    """All languages' vocabulary, indexed for the understanding steps."""

    intents: PhraseIndex = field(default_factory=PhraseIndex)
    dates: PhraseIndex = field(default_factory=PhraseIndex)
    # Short day names that are other words too ("zo", "mer"): no language or general words
    weak_weekdays: PhraseIndex = field(default_factory=PhraseIndex)
    # One-word day and month names ("vrijdag", "pazartesi*") for reading typos of them, and the
    # everyday words one letter away from one ("robota", "серед") that are no typo
    day_names: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    day_stems: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    near_days: set[str] = field(default_factory=set)
    # Ordinary words no lexicon phrase has that are close to one ("Fleisch", "groenten"): never
    # read as a typo of another word ("flemish", "Renten"); they still name nothing of ours.
    not_typos: set[str] = field(default_factory=set)
    # The frequent words of the eight languages (`common_words/*.txt`, "passed", "leden",
    # "الجيران" read bare): a word one of them spells is that word, no loose spelling of a
    # centre's name ("De Passe", "Ter Lede", "خرايدن").
    common_words: FrequentWords = field(default_factory=lambda: FrequentWords())
    # Units counted after a number ("الف", "سنه", "يورو") and words of one's age ("عمري"): a
    # centre's name before such a unit, or after such a word, is the number it also is
    # ("ستين الف يورو" is sixty thousand euro, no Stene)
    counted_units: set[str] = field(default_factory=set)
    age_words: set[str] = field(default_factory=set)
    near_day_stems: set[str] = field(default_factory=set)
    typo_names: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)  # "y" for "ij"
    day_typos: dict[str, tuple[tuple[Any, ...], ...]] = field(default_factory=dict)  # seen
    concepts: dict[str, PhraseIndex] = field(default_factory=dict)  # per language
    centre_kinds: PhraseIndex = field(default_factory=PhraseIndex)
    # "de dienstencentra", "vos centres de services", "hizmet merkezlerinde": a kind of centre in
    # the plural, which names no one centre of that kind
    centre_kind_plurals: PhraseIndex = field(default_factory=PhraseIndex)
    place_prefixes: PhraseIndex = field(default_factory=PhraseIndex)
    # "voor de kermis", "panayır yüzünden": a thing in town as the occasion, before or after it
    occasion_before: PhraseIndex = field(default_factory=PhraseIndex)
    occasion_after: PhraseIndex = field(default_factory=PhraseIndex)
    loans: PhraseIndex = field(default_factory=PhraseIndex)  # "huren", "borrow": to rent or lend
    language_names: PhraseIndex = field(default_factory=PhraseIndex)
    language_prefixes: PhraseIndex = field(default_factory=PhraseIndex)
    language_negations: PhraseIndex = field(default_factory=PhraseIndex)  # "not", "geen"
    # Saying one's command of a language is poor ("is bad", "słabo", "ضعيفة"): beside its name,
    # the language the resident lacks, not the one asked for.
    language_lacking: PhraseIndex = field(default_factory=PhraseIndex)
    centre_words: set[str] = field(default_factory=set)
    centre_nouns: set[str] = field(default_factory=set)  # one-word centre words ("Zentrum")
    # A centre word with the ending of "in" on it ("merkezde", "merkezdeki"): the place said,
    # as "in het centrum" says it with a place prefix.
    centre_nouns_located: set[str] = field(default_factory=set)
    # Their plurals ("centra", "Zentren", "مراكزكم"): all our centres, never one of them
    centre_plurals: set[str] = field(default_factory=set)
    # Stations, stops and car parks in any language: near our centre they are the way to it.
    access_places: set[str] = field(default_factory=set)
    determiners: set[str] = field(default_factory=set)  # "the", "welk": a noun after is generic
    generic_concepts: set[str] = field(default_factory=set)  # "classes": no kind of their own
    # Whom our centres are for ("seniors"): beside a kind it says no other kind of its own
    public_concepts: set[str] = field(default_factory=set)
    # "the one in the town centre", "وسط المدينة": the centre whose district is the town centre
    town_centre: set[tuple[str, ...]] = field(default_factory=set)
    town_centre_districts: set[str] = field(default_factory=set)
    saints: frozenset[str] = frozenset()  # "sint", "st", "saint", "sankt": one word in names
    # "le centre de {town}", "{town} merkezde": the words before and after the town's own name
    town_centre_of: set[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=set)
    # "I am {n}", "j'ai {n} ans", "{n} yaşındayım": one's own age, the words before and after it
    own_age: set[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=set)
    senior_age: int = 60  # from this age on, one's own age is the seniors' topic (common.yaml)
    # "je", "on", "I": a word after them is a verb ("je passe demain"), not a centre's name
    subject_pronouns: set[str] = field(default_factory=set)
    # A compass word of any language and its direction ("ouest", "batı", "захід": "west")
    compass: dict[str, str] = field(default_factory=dict)
    # A Dutch part of a place's name and its forms in another language ("kerke" as "kirche",
    # "kruis" as "kreuz"): "Mariakirche", "Sankt Kreuz" are Mariakerke, Sint-Kruis
    name_parts: dict[str, set[str]] = field(default_factory=dict)
    # A Dutch last part of a place's name as a language says it first, with its small words
    # ("wijk" as "quartier du", "حي"): "quartier du Phare" is Vuurtorenwijk
    name_heads: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    # Endings a name takes ("Reeshof'daki", "Heffen'deki"): a name with one is still that name
    name_endings: set[str] = field(default_factory=set)
    vocabulary: dict[str, set[str]] = field(default_factory=dict)  # words per language
    # Spoken and dialect spellings per language (understanding/spoken.py): a sound said for
    # the written one ("oe" for "ui": "buurthoes"), an ending ("ope" for "open"), a whole word
    spoken_sounds: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    spoken_endings: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    spoken_dropped: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    spoken_words: dict[str, dict[str, str]] = field(default_factory=dict)
    stems: dict[str, set[str]] = field(default_factory=dict)  # prefix words per language
    stopwords: set[str] = field(default_factory=set)  # function words of every language
    markers: dict[str, set[str]] = field(default_factory=dict)  # function words per language
    general: set[str] = field(default_factory=set)  # words that never name an activity
    implies: dict[str, tuple[str, ...]] = field(default_factory=dict)  # concept -> broader ones
    kinds: set[str] = field(default_factory=set)  # concept ids: the data files' `kinds` words
    holiday_rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    anchored: set[tuple[str, ...]] = field(default_factory=set)  # phrases that need an anchor
    foreign: PhraseIndex = field(default_factory=PhraseIndex)  # things that are not ours
    feasts: PhraseIndex = field(default_factory=PhraseIndex)  # other calendars' feasts
    outside_unless_ours: frozenset[str] = frozenset()  # concepts that are businesses elsewhere
    numbers: dict[str, int] = field(default_factory=dict)  # number words ("twee") to numbers
    papers: frozenset[str] = frozenset()  # desk topics about papers from outside institutions
    # topic -> the papers that only carry it ("a letter from my landlord" of legal help)
    carried_papers: dict[str, frozenset[str]] = field(default_factory=dict)
    topic_desks: dict[str, tuple[str, ...]] = field(default_factory=dict)  # topic -> stand-ins
    general_desks: frozenset[str] = frozenset()  # stand-ins only for a desk of nothing else
    # "where can I go", "куди можна піти": with a day, what is on then (intents.decide)
    go_out: PhraseIndex = field(default_factory=PhraseIndex)
    # "just walk in", "zonder afspraak", "без запису": whether one may come unannounced
    walk_in: PhraseIndex = field(default_factory=PhraseIndex)
    in_building: PhraseIndex = field(default_factory=PhraseIndex)  # a floor, a lift, stairs
    # "komt de kapper", "is the hairdresser coming": whether someone or something comes
    comes: PhraseIndex = field(default_factory=PhraseIndex)
    # "was", "c'était", "war", "було", "كان": how a thing went, told in the past
    told_past: PhraseIndex = field(default_factory=PhraseIndex)
    # "rollator", "fauteuil roulant", "schody": getting into a building (ours if a centre is named)
    access: PhraseIndex = field(default_factory=PhraseIndex)
    # "offert", "gekregen", "подарувала": a sentence that tells what happened (a day in it is
    # when it happened, not the day asked)
    happened: PhraseIndex = field(default_factory=PhraseIndex)
    # "offert", "bought me", "kupiła": of those, giving, getting and buying, clear without a "?"
    gifted: PhraseIndex = field(default_factory=PhraseIndex)
    # "adres", "phone number", "عنوان": a place's details asked for
    contact_details: PhraseIndex = field(default_factory=PhraseIndex)
    # Separable verbs ("melden Sie mich ... ab", "schrijf me ... uit"): the verb indexed alone,
    # its particle, intent and weight the payload; the particle ends the clause, however far
    # from the verb (intents.separated).
    separable: PhraseIndex = field(default_factory=PhraseIndex)
    # "spielt", "gra", "грає": a team plays (a match); the verb names no game of ours
    team_plays: PhraseIndex = field(default_factory=PhraseIndex)
    # "thuis", "à domicile", "u siebie": where a team plays its match
    home_away: PhraseIndex = field(default_factory=PhraseIndex)
    # "uit eten", "frühstücken gehen", "eat out": going out to eat in town
    eat_out: PhraseIndex = field(default_factory=PhraseIndex)
    # "de beste", "en iyi", "найкращий": right before a dish, the town's eateries compared
    best_food: PhraseIndex = field(default_factory=PhraseIndex)
    # A home on the market and its rent ("appartement", "loyer", "kira"): its price asked is the
    # going rent; `home_prices` says that price in one phrase ("huurprijzen", "going rent")
    homes: PhraseIndex = field(default_factory=PhraseIndex)
    home_prices: PhraseIndex = field(default_factory=PhraseIndex)
    # A creditor acting on one's debt ("mag de bank", "la banque peut", "що банк"): its own steps
    creditor_acts: PhraseIndex = field(default_factory=PhraseIndex)
    # Concepts of creditors ("banking"): a creditor's act is asked only with one named
    creditors: frozenset[str] = frozenset()
    # "Sperrmüll anmelden", "cuma namazı", "pazar yeri", "prise de sang": a service, event or
    # shop of the town so plainly named that the kind words beside it name nothing of ours
    in_town: PhraseIndex = field(default_factory=PhraseIndex)
    # Words written apart that together are one word of ours ("електронна пошта" is e-mail, no
    # post office): read as that word (payload: the word).
    joined: PhraseIndex = field(default_factory=PhraseIndex)
    # One's own address registered or changed ("mijn nieuw adres", "changement d'adresse",
    # "ummelden", "zameldować się"): the town's population register, wherever one moved to.
    address_register: PhraseIndex = field(default_factory=PhraseIndex)
    # How to cook a dish, a recipe ("كيف بطبخ", "comment cuisiner", "przepis na")
    recipes: PhraseIndex = field(default_factory=PhraseIndex)
    # How a dish is made or what goes into it ("hoe maak je", "Zutaten", "як ви готуєте"): a
    # recipe where a dish is named ("soep", "çorba", "борщ"), not how to make an appointment
    making: PhraseIndex = field(default_factory=PhraseIndex)
    # A fare asked ("kaartje", "billet", "квиток"): beside a vehicle, the transport company's
    fares: PhraseIndex = field(default_factory=PhraseIndex)
    dishes: PhraseIndex = field(default_factory=PhraseIndex)
    # The children free of school ("çocuklar okulda değil", "schulfrei"): why one asks
    school_free: PhraseIndex = field(default_factory=PhraseIndex)
    # A doctor's advice told as why one asks ("my doctor says", "mein Arzt meint", "lekarz
    # kazał"): the doctor names no health activity or desk; what one must do is said after it
    advised: PhraseIndex = field(default_factory=PhraseIndex)
    # A doctor one asks to avoid ("without going to the GP", "sans passer par le médecin",
    # "doktora gitmeden"): the doctor is told, no health service in town asked about
    bypassed: PhraseIndex = field(default_factory=PhraseIndex)
    # A supply cut off ("ze hebben de stroom afgesloten", "on m'a coupé le gaz", "odcięli mi
    # prąd"): a hardship told, which the social or energy desk handles; its words name no topic
    # (the French "coupé" is no haircut)
    cut_off: PhraseIndex = field(default_factory=PhraseIndex)
    # Getting a thing ("krijgen", "get a", "obtenir", "bekommen"): a walker or a wheelchair to
    # get, where a desk hands out aids, is that desk's, not our centre's access
    obtain: PhraseIndex = field(default_factory=PhraseIndex)
    # A home said to be for rent ("à louer", "do wynajęcia", "te huur"): the market's, unless
    # a desk's help is asked with it
    to_let: PhraseIndex = field(default_factory=PhraseIndex)
    # Where homes are advertised ("in de krant", "dans le journal", "Immoweb"): a home asked
    # there is the market's
    listings: PhraseIndex = field(default_factory=PhraseIndex)
    # "Ooievaars|pas", "Rotterdam|pas": a town's pass, whose office ("... office") is the town's
    pass_endings: tuple[str, ...] = ()
    # Last parts of street and area names ("Zuiderpark|laan", "Vuurtoren|wijk"): the name
    # without one is the thing the street is named after (the park), no typo of it.
    street_heads: tuple[str, ...] = ()
    # "Branders|feest", "Hafen|fest": a feast named after a thing the bot knows nothing of
    feast_endings: tuple[str, ...] = ()
    # Words of a club's name ("sporting", "fc", "kv"): no sport of ours
    club_words: set[str] = field(default_factory=set)
    # A word of an outside thing read as ours after these words ("la marche" is a walk,
    # "le marché" a market; folded, both are "marche")
    ours_after: dict[str, set[str]] = field(default_factory=dict)
    # "als", "si", "wenn", "if", "якщо": weather after one is a condition, not asked
    conditions: PhraseIndex = field(default_factory=PhraseIndex)
    # "na", "après", "after", "po", "після": an outside thing after one says when the resident
    # comes ("je passe après le marché"); Turkish says it after the thing ("pazardan sonra").
    after_thing: PhraseIndex = field(default_factory=PhraseIndex)
    after_thing_postposed: set[str] = field(default_factory=set)
    two_places: PhraseIndex = field(default_factory=PhraseIndex)  # "مكانين", "for me and my wife"
    # A volunteer's task ("koffie schenken", "animer", "drive", "за барною стійкою"): asked of
    # oneself with a day or "when", one's shift (intents.Evidence.task)
    volunteer_tasks: PhraseIndex = field(default_factory=PhraseIndex)
    # The tenancy ("landlord", "huur", "Schimmel"): beside it a repair is a housing problem
    tenancy: PhraseIndex = field(default_factory=PhraseIndex)
    # Not being able to pay ("kan de huur niet betalen", "ödeyemiyorum"): money trouble told
    unpaid: PhraseIndex = field(default_factory=PhraseIndex)
    # "at home", "thuis", "بالبيت": beside caring for someone, where the care is given
    at_home: PhraseIndex = field(default_factory=PhraseIndex)
    # "get out of the house", "bored at home", "أطلع من البيت": the home is where one is,
    # no housing question (reasons.Reasons.kept_at_home)
    home_bound: PhraseIndex = field(default_factory=PhraseIndex)
    # "I live", "nous habitons", "живемо": a landmark beside it says where the resident lives
    lives: PhraseIndex = field(default_factory=PhraseIndex)
    # "learn", "apprendre", "вивчити": a wish to learn a subject asks whether we teach it
    learning: PhraseIndex = field(default_factory=PhraseIndex)
    # A business of the town ("café", "bakkerij", "kawiarnia"): beside the town's name, in town
    town_venues: PhraseIndex = field(default_factory=PhraseIndex)
    acknowledgements: frozenset[str] = frozenset()  # symbols that say "ok" ("👍")
    shift_words: PhraseIndex = field(default_factory=PhraseIndex)  # "shift", "dyżur"
    vacant_words: PhraseIndex = field(default_factory=PhraseIndex)  # "still open", "wolne"
    everyday: set[str] = field(default_factory=set)  # pronouns, question words, "winter"...
    speaking: PhraseIndex = field(default_factory=PhraseIndex)  # "konuşalım", "let us talk"
    bot_messages: PhraseIndex = field(default_factory=PhraseIndex)  # "the messages", "الرسائل"
    # "continue", "devam", "продовжити", "نكمل": going on in a language is the conversation's
    continuing: PhraseIndex = field(default_factory=PhraseIndex)
    # Per language: how a place name of the data is declined in a sentence of it (Polish "w
    # Stenie", "do Molenhoeku", "w Lange Muncie"; entities.CentreIndex).
    name_cases: dict[str, NameCases] = field(default_factory=dict)
    # Per language: "in", "van" before a place, "deki", "s" after it, say where a thing is.
    located: dict[str, set[str]] = field(default_factory=dict)
    located_after: dict[str, set[str]] = field(default_factory=dict)
    # Per language: "op", "an", "on", "le jour de" before a holiday's name, "zelf", "günü"
    # after it, say the day is meant where the name is also one of our places ("op
    # Allerheiligen" the day, "in Allerheiligen" the place; docs/dates.md).
    holiday_day_before: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    holiday_day_after: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    # Per language: a word before "met" that makes it "with" ("contact opnemen met", "bellen
    # met"): the place is called or met, no day asked.
    holiday_day_not_after: dict[str, set[str]] = field(default_factory=dict)
    # Per language: the noun of "taking the bridge" and the verbs it goes with ("doen jullie de
    # brug", "faire le pont", "köprü yapmak"): the bridge day (docs/dates.md "A bridge day").
    bridge_idioms: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # Per language: "naast", "près de", "neben", "yanındaki", "біля": beside a named place.
    beside: dict[str, set[str]] = field(default_factory=dict)
    # ...and those words as phrases: "dicht" says beside only in "dicht bij" ("is dicht": closed)
    beside_phrases: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    # Per language: "Turkse", "marocain", "polski", "التركي": where a shop or a cook comes
    # from. Between an outside thing and our centre ("le supermarché turc près de De Linde")
    # they keep the thing beside the centre; they name nothing of ours.
    origins: dict[str, set[str]] = field(default_factory=dict)
    # "someone", "jemanden", "хтось": a person one may talk to.
    someone: PhraseIndex = field(default_factory=PhraseIndex)
    # "the coordinator", "de verantwoordelijke", "المسؤول": a person in charge at the centre,
    # asked for to talk to (a complaint taken to someone is a request for a person).
    in_charge: PhraseIndex = field(default_factory=PhraseIndex)
    # Per language: "from", "vanaf", "depuis", "від" before the place one comes from.
    way_from: dict[str, set[str]] = field(default_factory=dict)
    way_from_endings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "istasyon|dan"
    # Per language: "from", "uit", "aus", "z" before the place a visitor comes from ("my dad is
    # visiting from Lisbon"); Turkish says it with `way_from_endings` ("Türkiye'den").
    origin_from: dict[str, set[str]] = field(default_factory=dict)
    # Per language: "for", "voor", "dla" before (Turkish "için" after) who a title is for.
    audience: dict[str, set[str]] = field(default_factory=dict)
    # Per language: "or", "of", "або", "أو" between two kinds named together ("trips or walks").
    joiners: dict[str, set[str]] = field(default_factory=dict)
    # Any language: words of a title for a place that opens ("winkel", "café", "sklep", "متجر"):
    # "is the give-away shop open today?" asks whether that activity is on.
    venues: set[str] = field(default_factory=set)
    # Any language: words for the form an event takes ("lezing", "workshop", "meeting",
    # "spotkanie", "محاضرة"): beside a word that names an activity they say its form
    # ("a first aid talk"), and name no other activity titled so.
    formats: set[str] = field(default_factory=set)
    # The resident's own phone or tablet ("mijn gsm", "my phone", "telefonum", "свій телефон"):
    # the device one brings or calls with, beside an activity named, names no other activity.
    own_devices: PhraseIndex = field(default_factory=PhraseIndex)
    # Any language: words for people who meet ("group", "club", "groep", "grupa", "група",
    # "نادي"): a title word of these, or one made of a kind and one of these ("handwerkgroep"),
    # names no activity by a name of its own ("a knitting or handicraft group").
    gatherings: set[str] = field(default_factory=set)
    # Per language: the definite articles ("the", "de", "het", "die", "le"): an activity's
    # whole title said after one ("the chair yoga", "het klaverjassen") names that activity,
    # not its kind.
    definite: dict[str, set[str]] = field(default_factory=dict)
    # "anything really", "maakt niet uit", "egal", "cokolwiek": beside kinds named as examples
    # ("klaverjas, rummy, anything") every activity of the broader kind they belong to is asked.
    any_kind: PhraseIndex = field(default_factory=PhraseIndex)
    audience_after: dict[str, set[str]] = field(default_factory=dict)
    # Parks and cemeteries ("het kerkhof", "le parc", "mezarlık"): the town's grounds, outside
    # things when asked about themselves; where a walk of ours goes when it is named.
    grounds: PhraseIndex = field(default_factory=PhraseIndex)
    # Buses, trams and trains: asked "when" or "what time", they are a timetable, not ours.
    vehicles: PhraseIndex = field(default_factory=PhraseIndex)
    # How often a vehicle runs and whether its route or stops changed ("hoe vaak", "як часто",
    # "omleiding", "l'itinéraire a changé"): beside a vehicle, the transport company's service.
    vehicle_running: PhraseIndex = field(default_factory=PhraseIndex)
    # Leaving and the coach ("hoe laat vertrekt de bus", "otobüs kaçta kalkıyor"): beside a
    # trip of ours named, when the trip sets off.
    departure: PhraseIndex = field(default_factory=PhraseIndex)
    # Per language: "om", "um", "at" before an hour's number, "uur", "Uhr", "h" after it.
    clock_before: dict[str, set[str]] = field(default_factory=dict)
    clock_after: dict[str, set[str]] = field(default_factory=dict)
    # The same in any language: a day's number beside them is an hour ("woensdag om 10 uur")
    clock_any_before: set[str] = field(default_factory=set)
    clock_any_after: set[str] = field(default_factory=set)
    # In any language: "tot", "until", "bis", "do" before a time that ends or starts a range
    time_range_any_before: set[str] = field(default_factory=set)
    opening_words: PhraseIndex = field(default_factory=PhraseIndex)  # "open", "gesloten"
    # An alternative of a closure ("or are you closed", "of zijn ze dicht", "czy ... zamknięte"):
    # after an activity named, the question is whether that activity is on.
    either_closed: PhraseIndex = field(default_factory=PhraseIndex)
    # "zijn jullie ... open", "are you ... open": whether we are open, asked of us
    you_open: PhraseIndex = field(default_factory=PhraseIndex)
    # Passports, ID cards, driving licences: papers of the town hall, not of our letters desk.
    identity_papers: PhraseIndex = field(default_factory=PhraseIndex)
    # Asking a price with a word for money ("kaç para", "how much money"): no money topic.
    price_phrases: PhraseIndex = field(default_factory=PhraseIndex)
    examples: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # "voor", "après", "first", "laatste": a weekday counted from a holiday or in a month
    day_counts: PhraseIndex = field(default_factory=PhraseIndex)
    # Parts of the day ("dinsdagavond", "le soir", "rano"): morning, afternoon or evening
    day_part_times: PhraseIndex = field(default_factory=PhraseIndex)
    # The words for a part of the day themselves ("midi", "öğlen", "lunchtime", "w południe")
    day_words: PhraseIndex = field(default_factory=PhraseIndex)
    # ...and the endings that say one on a weekday or "today" word ("zaterdag|morgen")
    day_part_endings: list[tuple[str, str]] = field(default_factory=list)


def _pattern(phrase: str) -> tuple[str, ...]:
    """A phrase as the folded words it is indexed by, stars kept ("hoeveel kost*")."""
    out: list[str] = []
    for part in phrase.split():
        folded = words(part.rstrip("*"))
        if folded:
            out.extend(folded[:-1])
            out.append(folded[-1] + ("*" if part.endswith("*") else ""))
    return tuple(out)


def _add_day_name(lex: Lexicon, phrase: str, payload: tuple[Any, ...]) -> None:
    """Remember a one-word day or month name for typo look-ups."""
    pattern = _pattern(phrase)
    if len(pattern) == 1:
        word = pattern[0]
        if word.endswith("*"):
            lex.day_stems.setdefault(word[:-1], []).append(payload)
        else:
            lex.day_names.setdefault(word, []).append(payload)


def _add_day_parts(
    lex: Lexicon,
    lang: str,
    data: dict[str, Any],
    add: Callable[[PhraseIndex, str, tuple[Any, ...]], None],
    own: PhraseIndex,
) -> None:
    """Words for a part of the day ("voormiddag", "Abend") are known words, never a typo of
    another; where the language writes them onto a weekday ("zaterdagvoormiddag",
    "Donnerstagabend", "sonntagnachmittags") each such compound names that weekday."""
    parts = [str(p) for p in data.get("day_parts") or ()]
    for phrase in parts:
        own.add(phrase, ())
        add(lex.day_words, phrase, (lang,))
    if not data.get("day_part_compounds"):
        return
    endings = [w for p in parts for w in words(p) if len(words(p)) == 1]
    for number, names in enumerate(data.get("weekdays") or ()):
        for name in names:
            stem = words(str(name))
            if (
                len(stem) != 1
                or len(stem[0]) < 5
                or str(name).endswith("*")
                or any(stem[0].endswith(e) for e in endings)
            ):
                continue
            for ending in endings:
                for compound in (stem[0] + ending, stem[0] + ending + "s"):
                    if compound not in lex.dates.words:
                        add(lex.dates, compound, ("weekday", number, lang))


def _add_this_part(
    lex: Lexicon,
    lang: str,
    data: dict[str, Any],
    add: Callable[[PhraseIndex, str, tuple[Any, ...]], None],
) -> None:
    """A word for "this" before a part of the day names today ("cet aprem", "this arvo",
    "heute Vormittag", "deze middag"): every `day_part_this` word × every part word, built
    when the lexicon loads (docs/dates.md)."""
    parts = {str(p) for p in data.get("day_parts") or ()}
    for phrases in (data.get("day_part_times") or {}).values():
        parts |= {str(p) for p in phrases if not str(p).startswith("-")}
    for this in data.get("day_part_this") or ():
        for part in sorted(parts):
            if not part.endswith("*"):
                add(lex.dates, f"{this} {part}", ("today", None, lang))


def _language_words(index: PhraseIndex) -> tuple[set[str], set[str]]:
    return set(index.words), set(index.stems)


@lru_cache(maxsize=4)
def load_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    """Read and index every language file once per process."""
    lex = Lexicon()
    with open(directory / "common.yaml", encoding="utf-8") as f:
        common = yaml.load(f, Loader=_Loader) or {}
    lex.implies = {k: tuple(v) for k, v in (common.get("implies") or {}).items()}
    lex.holiday_rules = common.get("holidays") or {}
    lex.generic_concepts = set(common.get("generic_concepts") or ())
    lex.public_concepts = set(common.get("public_concepts") or ())
    lex.senior_age = int(common.get("senior_age") or lex.senior_age)
    lex.access_places = {w for p in common.get("access_places") or () for w in words(str(p))}
    lex.town_centre_districts = {
        w for p in common.get("town_centre_districts") or () for w in words(str(p))
    }
    lex.saints = frozenset(w for p in common.get("saints") or () for w in words(str(p)))
    for phrase in common.get("club_words") or ():
        lex.club_words.update(words(str(phrase)))
    for phrase in _outside_phrases(common):
        lex.foreign.add(str(phrase), ("*",))
    lex.pass_endings = tuple(str(e) for e in common.get("pass_endings") or ())
    lex.street_heads = tuple(str(e) for e in common.get("street_heads") or ())
    lex.feast_endings = tuple(str(e) for e in common.get("feast_endings") or ())
    for phrase in common.get("feasts") or ():
        lex.feasts.add(str(phrase), ("*",))
    lex.acknowledgements = frozenset(str(s) for s in common.get("acknowledgements") or ())
    lex.outside_unless_ours = frozenset(str(c) for c in common.get("outside_unless_ours") or ())
    lex.creditors = frozenset(str(c) for c in common.get("creditors") or ())
    for number, names in (common.get("numbers") or {}).items():
        for name in names:
            for word in words(str(name)):
                lex.numbers[word] = int(number)
    lex.papers = frozenset(str(c) for c in common.get("papers") or ())
    lex.carried_papers = {
        str(k): frozenset(str(c) for c in v)
        for k, v in (common.get("carried_papers") or {}).items()
    }
    lex.topic_desks = {
        str(k): tuple(str(c) for c in v) for k, v in (common.get("topic_desks") or {}).items()
    }
    lex.general_desks = frozenset(str(c) for c in common.get("general_desks") or ())
    for phrase in common.get("two_places") or ():
        lex.two_places.add(str(phrase), (2,))
    with open(directory / "real_words.yaml", encoding="utf-8") as f:
        real_words = yaml.load(f, Loader=_Loader) or {}
    for listed in real_words.values():
        lex.not_typos.update(w for word in listed for w in words(str(word)))
    lex.common_words = _common_words(directory / "common_words")
    inflecting: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    for lang in LANGUAGES:
        path = directory / f"{lang}.yaml"
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as f:
            data = yaml.load(f, Loader=_Loader) or {}
        _add_language(lex, lang, data)
        endings = data.get("foreign_endings")
        if endings:
            inflecting.append((lang, data, endings))
            lex.name_endings.update(str(e) for forms in endings.values() for e in forms)
    for lang, data, endings in inflecting:
        _inflect_foreign(lex, lang, data, endings)
    lex.general |= lex.dates.words | lex.stopwords | lex.centre_words
    lex.general |= lex.language_names.words | lex.place_prefixes.words | lex.determiners
    return lex


def _common_words(directory: Path) -> FrequentWords:
    """The words of every `<lang>.txt` list, one a line, already folded as messages are."""

    def read() -> Iterable[str]:
        for lang in LANGUAGES:
            path = directory / f"{lang}.txt"
            if path.exists():
                with path.open(encoding="utf-8") as lines:
                    for line in lines:
                        word = line.rstrip("\n")
                        if word and not word.startswith("#"):
                            yield word

    return FrequentWords(read())


class FrequentWords:
    """A large list of words kept small: the sorted 64-bit hashes of its words (130,000
    words of the eight languages in 1 MB, not the 13 MB of a set of strings). Built and read
    in one process, so Python's own string hash serves; a word not on the list is taken for
    one of it about once in 10^14 look-ups."""

    __slots__ = ("_hashes",)

    def __init__(self, words: Iterable[str] = ()) -> None:
        hashes = array("q", (hash(word) for word in words))
        self._hashes = array("q", sorted(hashes))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        key = hash(word)
        at = bisect_left(self._hashes, key)
        return at < len(self._hashes) and self._hashes[at] == key

    def __len__(self) -> int:
        return len(self._hashes)


def _outside_phrases(data: dict[str, Any]) -> list[Any]:
    """The outside things of a lexicon file: `foreign`, and `outside_services` (health
    practices, public agencies and attractions named by what they are: "huisartsenpraktijk",
    "UWV", "zoo")."""
    return [*(data.get("foreign") or ()), *(data.get("outside_services") or ())]


INFLECTED_MIN = 4  # the shortest last word of a phrase given case endings ("servis")


def _inflect_foreign(
    lex: Lexicon, lang: str, data: dict[str, Any], endings: dict[str, Any]
) -> None:
    """Index the case forms of one-word outside things ("eczane" -> "eczaneden", "belediyenin",
    "kasap" -> "kasabı"): `foreign_endings` after a consonant and after a vowel, with the
    language's `softening` of a last consonant before a vowel. A form that is a word of any
    language file is left alone."""
    vowels = set(str(data.get("vowels") or "aeiou"))
    soft = {str(k): str(v) for k, v in (data.get("softening") or {}).items()}
    after_consonant = [str(e) for e in endings.get("after_consonant") or ()]
    after_vowel = [str(e) for e in endings.get("after_vowel") or ()]
    known = set().union(*lex.vocabulary.values(), *lex.stems.values()) | lex.stopwords
    known |= lex.everyday | lex.centre_words
    asking = lex.intents.words | lex.intents.stems | lex.stopwords | lex.dates.words | lex.everyday
    for phrase in _outside_phrases(data):
        pattern = _pattern(str(phrase))
        if pattern[-1].endswith("*"):
            continue
        # Of a phrase, its last word when that is a noun of its own ("acil servisi"), not a
        # question word ("saat kaç" stays: "saat kaça kadar" asks our hours).
        *before, word = pattern
        if before and (word in asking or len(word) < INFLECTED_MIN):
            continue
        lead = " ".join(before) + " " if before else ""
        stems = [word]
        if word[-1] in vowels:
            forms = [word + e for e in after_vowel]
        else:
            if word[-1] in soft:
                stems.append(word[:-1] + soft[word[-1]])
            forms = [stem + e for e in after_consonant for stem in stems if e[0] in vowels]
            forms += [word + e for e in after_consonant if e[0] not in vowels]
        for form in forms:
            if form not in known:
                lex.foreign.add(lead + form, (lang,))


LOCATIVE_STEM_MIN = 5  # the shortest stem given a locative form ("sport" -> "sporcie"; not "kart")


def _add_locatives(
    lex: Lexicon, data: dict[str, Any], concepts: PhraseIndex, own: PhraseIndex
) -> None:
    """Index the locative of one-word topic words whose last consonant changes before its
    ending (`locatives` per language: Polish "tablet" -> "na tablecie", "wycieczk*" -> "na
    wycieczce"; Ukrainian "вечірк*" -> "на вечірці"), which no prefix of the word reaches. A
    form that is already a word of the language is left alone."""
    changes = {
        "".join(words(str(k))): "".join(words(str(v)))
        for k, v in (data.get("locatives") or {}).items()
    }
    if not changes:
        return
    taken = set(own.words) | set(lex.stopwords)
    for concept, names in (data.get("concepts") or {}).items():
        for phrase in names:
            pattern = _pattern(str(phrase))
            if len(pattern) != 1:
                continue
            stem = pattern[0].rstrip("*")
            if len(stem) < LOCATIVE_STEM_MIN:
                continue
            for last, ending in changes.items():
                form = stem[: -len(last)] + ending
                if stem.endswith(last) and form not in taken and form not in concepts.words:
                    concepts.add(form, (str(concept),))
                    own.add(form, ())


SETTLED = 3.0  # one's own booking asked with whether it is settled: one's sign-ups


def _add_booking_settled(
    lex: Lexicon,
    table: dict[str, Any],
    add: Callable[[PhraseIndex, str, tuple[Any, ...]], None],
    lang: str,
) -> None:
    """One's own booking beside whether it is settled, in either order, asks for one's sign-ups
    (`booking_settled`: "is my place on the trip confirmed?", "чи підтверджене моє місце?",
    "ma réservation pour le repas, elle est bien passée ?")."""
    for own in table.get("own") or ():
        for state in table.get("settled") or ():
            for phrase in (f"{own} {GAP} {state}", f"{state} {GAP} {own}"):
                add(lex.intents, phrase, ("my_signups", SETTLED, lang, False))


def _add_language(lex: Lexicon, lang: str, data: dict[str, Any]) -> None:
    own = PhraseIndex()  # every phrase of this language, to know its words

    def add(index: PhraseIndex, phrase: str, payload: tuple[Any, ...]) -> None:
        index.add(phrase, payload)
        own.add(phrase, ())

    markers = lex.markers.setdefault(lang, set())
    for marker in data.get("markers") or ():
        own.add(str(marker), ())
        markers.update(words(str(marker)))
    lex.stopwords |= markers
    anchored = {_pattern(str(p)) for p in data.get("needs_anchor") or ()}
    lex.anchored |= anchored
    wish_words: set[str] = set()
    for intent, entries in (data.get("intents") or {}).items():
        for phrase, weight in _weighted(entries):
            add(lex.intents, phrase, (intent, weight, lang, _pattern(phrase) in anchored))
            if intent == "greeting" and len(words(phrase)) > 1:
                wish_words.update(words(phrase))
            elif intent not in _TOPIC_INTENTS:
                lex.general.update(words(phrase))
    _add_booking_settled(lex, data.get("booking_settled") or {}, add, lang)
    dates = data.get("dates") or {}
    for key, entries in dates.items():
        # Before/after words and ordinals count a weekday only beside one and a holiday or
        # month; elsewhere they are ordinary words that may name an activity ("après-midi").
        index = lex.day_counts if key in _COUNTING else lex.dates
        for phrase in entries or ():
            add(index, str(phrase), (key, None, lang))
    for number, names in enumerate(data.get("weekdays") or ()):
        for phrase in names:
            add(lex.dates, str(phrase), ("weekday", number, lang))
            _add_day_name(lex, str(phrase), ("weekday", number, lang))
    _add_day_parts(lex, lang, data, add, own)
    for part, phrases in (data.get("day_part_times") or {}).items():
        for phrase in phrases:
            text = str(phrase)
            if text.startswith("-"):
                lex.day_part_endings += [(w, str(part)) for w in words(text[1:])]
            else:
                add(lex.day_part_times, text, (str(part), lang))
                if len(words(text)) == 1 and not text.endswith("*"):
                    lex.day_part_endings += [(w, str(part)) for w in words(text)]
    lex.day_part_endings.sort(key=lambda e: -len(e[0]))  # "namiddag" before "middag"
    _add_this_part(lex, lang, data, add)
    for offset, phrases in (data.get("day_offsets") or {}).items():
        for phrase in phrases:
            add(lex.dates, str(phrase), ("offset", int(offset), lang))
    for number, phrases in (data.get("weekday_ordinals") or {}).items():
        for phrase in phrases:
            add(lex.day_counts, str(phrase), ("ordinal", int(number), lang))
    for offset, phrases in (data.get("day_offsets_after") or {}).items():
        for phrase in phrases:
            add(lex.dates, str(phrase), ("offset_after", int(offset), lang))
    for number, names in enumerate(data.get("weekdays_weak") or ()):
        for phrase in names:
            lex.weak_weekdays.add(str(phrase), (number, lang))
    for number, names in enumerate(data.get("months") or (), start=1):
        for phrase in names:
            add(lex.dates, str(phrase), ("month", number, lang))
            _add_day_name(lex, str(phrase), ("month", number, lang))
    for phrase in data.get("near_days") or ():
        for word in _pattern(str(phrase)):
            if word.endswith("*"):
                lex.near_day_stems.add(word[:-1])
            else:
                lex.near_days.add(word)
    for holiday, names in (data.get("holidays") or {}).items():
        for phrase in names:
            add(lex.dates, str(phrase), ("holiday", holiday, lang))
    concepts = lex.concepts.setdefault(lang, PhraseIndex())
    lex.kinds.update(str(c) for c in data.get("concepts") or {} if c not in DAY_CONCEPTS)
    for concept, names in (data.get("concepts") or {}).items():
        for phrase in names:
            add(concepts, str(phrase), (concept,))
    _add_locatives(lex, data, concepts, own)
    # "vrolijk kerstfeest", "frohe Ostern": the feast a wish names may be a title's word
    # ("Kerstfeest met feestmaal"), named in any language's message; its other words name none.
    lex.general.update(w for w in wish_words if not concepts.find([w]))
    for kind, names in (data.get("centre_kinds") or {}).items():
        for phrase in names:
            # "village house": its words are ours together, not apart ("the Christmas village").
            index_only = len(words(str(phrase))) > 1
            (lex.centre_kinds.add if index_only else partial(add, lex.centre_kinds))(
                str(phrase), (kind,)
            )
    for phrase in data.get("centre_kind_plurals") or ():
        lex.centre_kind_plurals.add(str(phrase), (lang,))
    for phrase in data.get("centre_words") or ():
        phrase_words = words(str(phrase))
        lex.centre_words.update(phrase_words)
        if len(phrase_words) == 1:
            lex.centre_nouns.update(phrase_words)
        own.add(str(phrase), ())
    for phrase in data.get("centre_plurals") or ():
        phrase_words = words(str(phrase))
        lex.centre_words.update(phrase_words)
        if len(phrase_words) == 1:
            lex.centre_nouns.update(phrase_words)
            lex.centre_plurals.update(phrase_words)
        own.add(str(phrase), ())
    for phrase in data.get("determiners") or ():
        lex.determiners.update(words(str(phrase)))
        own.add(str(phrase), ())
    for phrase in data.get("occasion_before") or ():
        add(lex.occasion_before, str(phrase), (lang,))
    for phrase in data.get("occasion_after") or ():
        add(lex.occasion_after, str(phrase), (lang,))
    for phrase in data.get("loans") or ():
        add(lex.loans, str(phrase), (lang,))
    for phrase in data.get("place_prefixes") or ():
        add(lex.place_prefixes, str(phrase), (lang,))
    for phrase in data.get("centre_nouns_located") or ():
        lex.centre_nouns_located.update(words(str(phrase)))
    for code, names in (data.get("language_names") or {}).items():
        for phrase in names:
            add(lex.language_names, str(phrase), (code, lang))
    for phrase in data.get("language_prefixes") or ():
        add(lex.language_prefixes, str(phrase), (lang,))
    for phrase in _outside_phrases(data):
        add(lex.foreign, str(phrase), (lang,))
    for phrase in data.get("feasts") or ():
        add(lex.feasts, str(phrase), (lang,))
    for phrase in data.get("shift_words") or ():
        add(lex.shift_words, str(phrase), (lang,))
    for phrase in data.get("vacant_words") or ():
        add(lex.vacant_words, str(phrase), (lang,))
    for phrase in data.get("fillers") or ():
        lex.intents.fillers.update(words(str(phrase)))
        own.add(str(phrase), ())
    for phrase in data.get("language_negations") or ():
        add(lex.language_negations, str(phrase), (lang,))
    for phrase in data.get("language_lacking") or ():
        add(lex.language_lacking, str(phrase), (lang,))
    for phrase in data.get("everyday") or ():
        lex.everyday.update(words(str(phrase)))
    for phrase in data.get("not_typos") or ():
        lex.not_typos.update(words(str(phrase)))
    for phrase in data.get("counted_units") or ():
        lex.counted_units.update(words(str(phrase)))
    for phrase in data.get("age_words") or ():
        lex.age_words.update(words(str(phrase)))
    for key, into in (
        ("spoken_sounds", lex.spoken_sounds),
        ("spoken_endings", lex.spoken_endings),
        ("spoken_dropped", lex.spoken_dropped),
    ):
        into[lang] = tuple(
            (fold(str(said)), fold(str(meant)))
            for said, meants in (data.get(key) or {}).items()
            for meant in meants
        )
    lex.spoken_words[lang] = {
        fold(str(said)): fold(str(meant))
        for said, meant in (data.get("spoken_words") or {}).items()
    }
    for phrase in data.get("hedges") or ():
        # "I suppose", "je crois": asides that name nothing, neither outside us nor of ours
        lex.everyday.update(words(str(phrase)))
        lex.general.update(words(str(phrase)))
    for phrase in data.get("speaking") or ():
        add(lex.speaking, str(phrase), (lang,))
    for phrase in data.get("bot_messages") or ():
        add(lex.bot_messages, str(phrase), (lang,))
    for phrase in data.get("continuing") or ():
        add(lex.continuing, str(phrase), (lang,))
    cases = data.get("name_cases")
    if cases:
        changes = {**(data.get("locatives") or {}), **(cases.get("locatives") or {})}
        lex.name_cases[lang] = NameCases(
            drop=frozenset(str(v) for v in cases.get("drop") or ()),
            endings=tuple(str(e) for e in cases.get("endings") or ()),
            locative=str(cases.get("locative") or ""),
            locatives={str(k): str(v) for k, v in changes.items()},
            spelling={
                str(k): {str(a): str(b) for a, b in v.items()}
                for k, v in (cases.get("spelling") or {}).items()
            },
            respell={str(k): str(v) for k, v in (cases.get("respell") or {}).items()},
            heard=bool(cases.get("heard")),
        )
    for phrase in data.get("located") or ():
        lex.located.setdefault(lang, set()).update(words(str(phrase)))
    for phrase in data.get("located_after") or ():
        lex.located_after.setdefault(lang, set()).update(words(str(phrase)))
    for key in ("holiday_day_before", "holiday_day_after"):
        phrases = {words(str(p)) for p in data.get(key) or ()} - {()}
        getattr(lex, key).setdefault(lang, set()).update(phrases)
    for phrase in data.get("holiday_day_not_after") or ():
        lex.holiday_day_not_after.setdefault(lang, set()).update(words(str(phrase)))
    for noun, verbs in (data.get("bridge_idiom") or {}).items():
        own.add(str(noun), ())
        for verb in verbs:
            own.add(str(verb), ())
        idioms = lex.bridge_idioms.setdefault(lang, {})
        idioms[fold(str(noun))] = tuple(fold(str(v)) for v in verbs)
    for phrase in data.get("beside") or ():
        lex.beside.setdefault(lang, set()).update(words(str(phrase)))
        lex.beside_phrases.setdefault(lang, set()).add(words(str(phrase)))
    for phrase in data.get("origins") or ():
        lex.origins.setdefault(lang, set()).update(words(str(phrase)))
        lex.everyday.update(words(str(phrase)))
    for phrase in data.get("someone") or ():
        lex.someone.add(str(phrase), (lang,))
    for phrase in data.get("in_charge") or ():
        add(lex.in_charge, str(phrase), (lang,))
    for phrase in data.get("way_from") or ():
        lex.way_from.setdefault(lang, set()).update(words(str(phrase)))
    lex.way_from_endings[lang] = tuple(str(e) for e in data.get("way_from_endings") or ())
    for phrase in data.get("origin_from") or ():
        lex.origin_from.setdefault(lang, set()).update(words(str(phrase)))
    for phrase in data.get("audience") or ():
        lex.audience.setdefault(lang, set()).update(words(str(phrase)))
    for phrase in data.get("joiners") or ():
        lex.joiners.setdefault(lang, set()).update(words(str(phrase)))
    for phrase in data.get("venues") or ():
        lex.venues.update(words(str(phrase)))
    for phrase in data.get("formats") or ():
        lex.formats.update(words(str(phrase)))
    for phrase in data.get("own_devices") or ():
        add(lex.own_devices, str(phrase), (lang,))
    for phrase in data.get("gatherings") or ():
        lex.gatherings.update(words(str(phrase)))
    for phrase in data.get("definite") or ():
        lex.definite.setdefault(lang, set()).update(words(str(phrase)))
    for phrase in data.get("any_kind") or ():
        lex.any_kind.add(str(phrase), (lang,))  # everyday words: no word of the language's own
    for phrase in data.get("audience_after") or ():
        lex.audience_after.setdefault(lang, set()).update(words(str(phrase)))
    for phrase in data.get("grounds") or ():
        add(lex.grounds, str(phrase), (lang,))
    for phrase in data.get("vehicles") or ():
        add(lex.vehicles, str(phrase), (lang,))
    for phrase in data.get("vehicle_running") or ():
        add(lex.vehicle_running, str(phrase), (lang,))
    for phrase in data.get("departure") or ():
        add(lex.departure, str(phrase), (lang,))
    for phrase in data.get("clock_before") or ():
        lex.clock_before.setdefault(lang, set()).update(words(str(phrase)))
        lex.clock_any_before.update(words(str(phrase)))
    for phrase in data.get("clock_after") or ():
        lex.clock_after.setdefault(lang, set()).update(words(str(phrase)))
        lex.clock_any_after.update(words(str(phrase)))
    for phrase in data.get("time_range_before") or ():
        own.add(str(phrase), ())  # "salıdan itibaren": a word of ours, no thing in town
        lex.time_range_any_before.update(words(str(phrase)))
    for phrase in data.get("opening_words") or ():
        add(lex.opening_words, str(phrase), (lang,))
    for phrase in data.get("either_closed") or ():
        add(lex.either_closed, str(phrase), (lang,))
    for phrase in data.get("you_open") or ():
        add(lex.you_open, str(phrase), (lang,))
    for phrase in data.get("identity_papers") or ():
        add(lex.identity_papers, str(phrase), (lang,))
    for phrase in data.get("price_phrases") or ():
        add(lex.price_phrases, str(phrase), (lang,))
    for phrase in data.get("go_out") or ():
        add(lex.go_out, str(phrase), (lang,))
    for phrase in data.get("walk_in") or ():
        add(lex.walk_in, str(phrase), (lang,))
    for phrase in data.get("in_building") or ():
        add(lex.in_building, str(phrase), (lang,))
    for phrase in data.get("comes") or ():
        add(lex.comes, str(phrase), (lang,))
    for phrase in data.get("told_past") or ():
        add(lex.told_past, str(phrase), (lang,))
    for phrase in data.get("access") or ():
        add(lex.access, str(phrase), (lang,))
    for phrase in data.get("happened") or ():
        add(lex.happened, str(phrase), (lang,))
    for phrase in data.get("gifted") or ():
        add(lex.happened, str(phrase), (lang,))
        add(lex.gifted, str(phrase), (lang,))
    for phrase in data.get("contact_details") or ():
        add(lex.contact_details, str(phrase), (lang,))
    for intent, entries in (data.get("separable") or {}).items():
        for phrase, weight in _weighted(entries):
            verb, particle = str(phrase).split()
            add(lex.separable, verb, (particle, intent, weight, lang))
            own.add(particle, ())
    for phrase in data.get("team_plays") or ():
        add(lex.team_plays, str(phrase), (lang,))
    for phrase in data.get("home_away") or ():
        add(lex.home_away, str(phrase), (lang,))
    for phrase in data.get("eat_out") or ():
        add(lex.eat_out, str(phrase), (lang,))
    for phrase in data.get("in_town") or ():
        add(lex.in_town, str(phrase), (lang,))
    for phrase, word in (data.get("joined") or {}).items():
        add(lex.joined, str(phrase), ("".join(words(str(word))),))
    for phrase in data.get("address_register") or ():
        add(lex.address_register, str(phrase), (lang,))
    for phrase in data.get("recipes") or ():
        add(lex.recipes, str(phrase), (lang,))
    for key in ("making", "dishes", "fares", "best_food", "homes", "home_prices", "creditor_acts"):
        for phrase in data.get(key) or ():
            # Only indexed: "lasagne", "Zutaten" stay words of no thing of ours elsewhere.
            getattr(lex, key).add(str(phrase), (lang,))
    for phrase in data.get("school_free") or ():
        add(lex.school_free, str(phrase), (lang,))
    for phrase in data.get("advised") or ():
        add(lex.advised, str(phrase), (lang,))
    for phrase in data.get("bypassed") or ():
        add(lex.bypassed, str(phrase), (lang,))
    for phrase in data.get("cut_off") or ():
        add(lex.cut_off, str(phrase), (lang,))
    for phrase in data.get("obtain") or ():
        add(lex.obtain, str(phrase), (lang,))
    for phrase in data.get("to_let") or ():
        add(lex.to_let, str(phrase), (lang,))
    for phrase in data.get("listings") or ():
        add(lex.listings, str(phrase), (lang,))
    for word, before in (data.get("ours_after") or {}).items():
        lex.ours_after.setdefault(str(word), set()).update(str(b) for b in before)
    for phrase in data.get("conditions") or ():
        add(lex.conditions, str(phrase), (lang,))
    for phrase in data.get("after_thing") or ():
        add(lex.after_thing, str(phrase), (lang,))
    for phrase in data.get("after_thing_postposed") or ():
        lex.after_thing_postposed.update(words(str(phrase)))

    for phrase in data.get("volunteer_tasks") or ():
        add(lex.volunteer_tasks, str(phrase), (lang,))
    for phrase in data.get("tenancy") or ():
        add(lex.tenancy, str(phrase), (lang,))
    for phrase in data.get("unpaid") or ():
        add(lex.unpaid, str(phrase), (lang,))
    for phrase in data.get("at_home") or ():
        add(lex.at_home, str(phrase), (lang,))
    for phrase in data.get("home_bound") or ():
        add(lex.home_bound, str(phrase), (lang,))
    for phrase in data.get("lives") or ():
        add(lex.lives, str(phrase), (lang,))
    for phrase in data.get("learning") or ():
        add(lex.learning, str(phrase), (lang,))
    for phrase in data.get("town_venues") or ():
        # Only indexed: "ijssalon", "Eisdiele" stay words of no thing of ours (out of scope).
        lex.town_venues.add(str(phrase), (lang,))
    for phrase in data.get("town_centre") or ():
        lex.town_centre.add(tuple(words(str(phrase))))
    for phrase in data.get("own_age") or ():
        before, _, after = str(phrase).partition("{n}")
        lex.own_age.add((words(before), words(after)))
    for phrase in data.get("subject_pronouns") or ():
        lex.subject_pronouns.update(words(str(phrase)))
    for phrase in data.get("town_centre_of") or ():
        before, _, after = str(phrase).partition("{town}")
        lex.town_centre_of.add((words(before), words(after)))
    for part, forms in (data.get("name_parts") or {}).items():
        lex.name_parts.setdefault(fold(str(part)), set()).update(fold(str(f)) for f in forms)
    for part, forms in (data.get("name_heads") or {}).items():
        lex.name_heads.setdefault(fold(str(part)), set()).update(words(str(f)) for f in forms)
    for direction, names in (data.get("compass") or {}).items():
        for name in names:
            for word in words(str(name)):
                lex.compass[word] = str(direction)
    for phrase in data.get("two_places") or ():  # "for me and my husband"
        lex.two_places.add(str(phrase), (2,))
    for phrase in data.get("general") or ():
        lex.general.update(words(str(phrase)))
        own.add(str(phrase), ())
    lex.examples[lang] = [(str(text), str(intent)) for text, intent in data.get("examples") or ()]
    lex.vocabulary[lang], lex.stems[lang] = _language_words(own)
