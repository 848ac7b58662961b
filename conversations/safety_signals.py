"""Finding crisis signals in a message: word patterns with gaps over folded, typo-tolerant words.

The patterns live in data files (conversations/lexicon/safety/<lang>.yaml). A pattern is a few
slots that must appear in order, with up to `GAP` other words between two slots ("ik wil
*eigenlijk* niet meer leven"); `~ ` in front lets the slots appear in any order ("się tnę", "tnę
się"). A slot lists alternatives separated by `|`: a word, a stem with a trailing `*` ("suicid*"),
a word class `@name` defined in the same file, or several words joined by `_` that must stand
together ("heart_attack"); a leading `*` is an ending ("*pillen": hartpillen, bloeddrukpillen),
for the compounds of Dutch and German. `!@neg` in front of a pattern: the pattern does not count
right after such a word ("I don't want to die" is not "I want to die"). Arabic words are also
read without the conjunction, preposition or future letter written onto them ("وأعطت").

Words are folded (lower case, no accents) and read typo-tolerant: a word one edit away from a
pattern word (or a stem) counts, and doubled letters count as single ("kil" is "kill"). A real
word (`known` in a data file: "loose", or a stem with `*`: "kawał*" for kawałek, kawałkiem) is
itself, never a typo of a crisis word ("noose", "zawał"); so is a word of the frequent-word
lists of the eight languages (lexicon/common_words/: "prince" is no "pince"), unless it is the
crisis word with another ending ("menacer") or the word it is near quiets a signal.

Every language's patterns are tried on every message: people write in the language they think in,
whatever their phone says. Levels, most to least certain:
- `crisis`: a crisis, wherever it stands;
- `topic`: a crisis word that may also be a subject ("stroke", "domestic violence"): it counts
  unless the message asks for information (`info`: a talk, a course, prevention) or speaks of the
  past (`about`: "last year");
- `distress`: loneliness or grief without danger, unless the message asks for information.
`harmless` phrases ("dying to know", "dood van het lachen") cancel any signal inside them.
`reported` phrases make a message a report rather than a cry for help: news ("I read that", "on
TV"), a film, a course for volunteers, a past that is over ("now it's fine", "years ago"). In such
a message a `crisis` pattern is not certain: the trained classifier decides (`CHECKED`).

Raising patterns count in every language; quieting ones (`info`, `about`, `reported`, `harmless`)
only in the language of the sentence they stand in (`heard`): the Dutch "les" (a lesson) is a
French article, and a Polish "dokument*" (a documentary) is no report in "he hid my documents".

`weary` idioms ("ik kan niet meer", "je n'en peux plus", "nie daję rady") are a crisis alone, but
not in a message that names a `burden` in the same language: the care of a relative (then
distress: a carer at the end of her tether) or a chore, a neighbour, a queue (then nothing).
With words of death or a plan beside them, a `crisis` pattern still fires (`_weary`).

`finality` cues (issue 12) are ordinary alone and a suicide signal together: things given away,
a card cancelled or accounts deleted beside "I won't exist after Sunday", sleeping pills bought
beside "I won't need it any more" (`_finality`).

`explain` says which patterns fired, for tests and debugging; nothing here logs message text.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz.distance import OSA

from conversations.answer_words import is_plain_answer
from conversations.safety_model import (
    HIGH,
    LOW,
    MIN_WORDS,
    SafetyModel,
    Score,
    load_model,
    tokens_of,
)
from conversations.understanding.language import message_language as written_in
from conversations.understanding.lexicon import FrequentWords, load_lexicon
from conversations.understanding.text import words
from storage.model import LANGUAGES

SAFETY_DIR = Path(__file__).resolve().parent / "lexicon" / "safety"

SUICIDE = "suicide"
SELF_HARM = "self_harm"
VIOLENCE = "violence"
MEDICAL = "medical"
DISTRESS = "distress"
KINDS: tuple[str, ...] = (MEDICAL, SUICIDE, SELF_HARM, VIOLENCE)
"""Crisis kinds, most urgent first: when a message signals several, the first one leads."""

CRISIS, TOPIC = "crisis", "topic"
POSSIBLE = "possible"  # the trained classifier is unsure: a possible crisis
CHECKED = "checked"  # a crisis pattern in a report (news, a film, the past): classifier decides
REPORTED = "reported"
WEARY = "weary"  # an exhaustion idiom: a crisis unless a burden is named (`_weary`)
BURDEN = "burden"  # the care of a relative (distress) or a chore (none) an idiom is about
REASSURED = "reassured"  # "I won't do anything to myself", "just a bad week" (`detect`)
NONE = "none"
GAP = 3  # words that may stand between two slots of a pattern
FUZZY_MIN = 5  # shorter words are only read with doubled letters undone ("kil" -> "kill")
FUZZY_MAX = 24  # longer "words" are no words anyone mistyped
MAX_TOKENS = 400  # a longer message is read in its first words only (the length guard refuses it)
_CACHE = 20_000  # tokens whose readings are remembered

END = "$"  # a pattern word for the end of a sentence or of the message
YEAR = "#year"  # a pattern word for a year (1900-2099): "had a stroke in 2019" is the past
_YEAR = re.compile(r"(19|20)\d\d")
EXTRA_LANGUAGES = ("fa",)
"""Languages the bot does not speak but whose crises it must catch (answered in English)."""
# Arabic script ends a question with "؟" and a clause with "؛" or "،".
_SENTENCE_END = re.compile(r"[.!?;:\n؟؛]+|,\s|،\s?")
_SENTENCE_END_KEPT = re.compile(f"({_SENTENCE_END.pattern})")
_SENTENCE_STOP = re.compile(r"[.!?;\n؟]")
FINAL = "final_"  # the level of a finality cue is FINAL + its name ("final_act")
FINAL_CUES = ("act", "noneed", "end", "means", "when", "gone", "reason")
"""Cues of someone putting their life in order (a data file's `finality`): an act (things given
away, cards cancelled, accounts deleted, a letter for each child), "not needed any more", an end
("I won't exist", "nobody will miss me"), means acquired (sleeping pills, a rope), a date ahead,
someone out of reach, and an ordinary reason (moving, stolen, an e-reader). See `_finality`."""
QUIETING = frozenset({"info", "about", REPORTED, "harmless", BURDEN, FINAL + "reason", REASSURED})
"""Levels that lower or cancel a signal: they count in the message's own language only."""
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DOUBLES = re.compile(r"(.)\1+")


def _undouble(word: str) -> str:
    return _DOUBLES.sub(r"\1", word)


def _inflected(token: str, key: str) -> bool:
    """Whether a word and a pattern word or stem ("stem*") one edit apart differ only in their
    last two letters: the same word with another ending ("menacer", "frappes" and "вбили" of
    "menace", "frappe" and "вбити"), not another word ("prince" and "pince")."""
    word = key[:-1] if key.endswith("*") else key
    if key.endswith("*"):
        token = token[: len(word)]
    agree = min(len(token), len(word)) - 2
    return token[:agree] == word[:agree]


def _arabic_variants(token: str) -> list[str]:
    """An Arabic word without the letters written onto it: "and" (و, ف), a preposition (ب, ل,
    ك) or the future (س): "وأعطت" is also "أعطت", "سأبلعها" also "أبلعها"."""
    if len(token) <= 3 or not "\u0600" <= token[0] <= "\u06ff":
        return []
    found = []
    if token[0] in "وف":
        token = token[1:]
        found.append(token)
    if len(token) > 3 and token[0] in "سبلك":
        found.append(token[1:])
    return found


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _hash32(key: str) -> int:
    """The low 32 bits of a key's hash (`_Lookup`)."""
    return hash(key) & 0xFFFFFFFF


class _Lookup:
    """Words found by a key (a one-letter deletion, an undoubled form), as two sorted arrays.

    A dict of sets cost ~300 bytes a key (~17 MB for the deletions of every pattern word); this
    keeps 6 bytes a pair: 32 bits of the key's hash and the word's number (16 bits while there
    are fewer than 65,536 words). Hashes of different keys may meet (of ~100,000 keys, a few
    times in 40,000 look-ups), so callers check what they get (an edit distance, the
    undoubled form): what they keep is the same as with whole hashes.
    """

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        found = sorted({(_hash32(key), word) for key, word in pairs})
        self.words: tuple[str, ...] = tuple(dict.fromkeys(word for _, word in found))
        number = {word: i for i, word in enumerate(self.words)}
        self.hashes = array("I", (h for h, _ in found))
        self.which = array(
            "H" if len(self.words) < 2**16 else "I", (number[word] for _, word in found)
        )

    def get(self, key: str) -> Iterator[str]:
        """The words filed under the key (and, rarely, under another key of the same hash)."""
        h = _hash32(key)
        i = bisect_left(self.hashes, h)
        while i < len(self.hashes) and self.hashes[i] == h:
            yield self.words[self.which[i]]
            i += 1


@dataclass(frozen=True, slots=True)
class Slot:
    """One place in a pattern: its alternatives, each a run of word keys ("word" or "stem*").

    Kept as the one-word alternatives and the longer ones only (no third tuple of them all, nor
    a one-word tuple per word: ~1.7 MB over the ~7,700 slots)."""

    # The one-word alternatives, looked up in a token's readings (a set): a tuple is ~4 times
    # smaller than a frozenset of a few words, and there are thousands of slots.
    singles: tuple[str, ...]
    longer: tuple[tuple[str, ...], ...] = ()  # the alternatives of several words
    gap: int = GAP  # words allowed between the previous slot and this one

    @classmethod
    def of(cls, alternatives: tuple[tuple[str, ...], ...], gap: int = GAP) -> Slot:
        """A slot with its look-ups."""
        singles = tuple(alt[0] for alt in alternatives if len(alt) == 1)
        longer = tuple(alt for alt in alternatives if len(alt) > 1)
        return cls(_SHARED.setdefault(singles, singles), longer, gap)

    @property
    def alternatives(self) -> tuple[tuple[str, ...], ...]:
        """Every alternative, the one-word ones first."""
        return (*((word,) for word in self.singles), *self.longer)

    @property
    def longest(self) -> int:
        """The number of words of its longest alternative."""
        return max((len(alt) for alt in self.longer), default=1)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A pattern of one language, as written in its data file."""

    kind: str
    level: str
    language: str
    source: str
    slots: tuple[Slot, ...]
    any_order: bool = False
    unless: Slot | None = None  # not counted right after one of these words
    situation: bool = False  # distress told as a situation (`signals`): no question quiets it


@dataclass(frozen=True, slots=True)
class Hit:
    """A pattern found in a message, and which token positions it used."""

    pattern: Pattern
    positions: frozenset[int]

    @property
    def kind(self) -> str:
        """The crisis kind (or "distress", "harmless", "about")."""
        return self.pattern.kind

    @property
    def language(self) -> str:
        """The language whose pattern fired."""
        return self.pattern.language

    def describe(self) -> str:
        """Which pattern of which file fired, for tests and debugging (never the message)."""
        return f"{self.pattern.language}:{self.pattern.level}:{self.kind}: {self.pattern.source}"


@dataclass(frozen=True)
class Signal:
    """What a message signals: the kind, how sure, the language of the patterns, and why."""

    kind: str  # one of KINDS, or DISTRESS
    language: str
    level: str  # CRISIS, TOPIC or DISTRESS
    hits: tuple[Hit, ...] = ()
    score: Score | None = None  # what the trained classifier said, when it decided

    @property
    def crisis(self) -> bool:
        """Whether this is a crisis, certain (level CRISIS) or possible, not distress."""
        return self.kind in KINDS

    @property
    def possible(self) -> bool:
        """Whether this is only possibly a crisis: numbers gently, and the normal answer."""
        return self.kind in KINDS and self.level != CRISIS

    def explain(self) -> list[str]:
        """The patterns that fired, or the classifier's score and strongest n-grams."""
        found = [hit.describe() for hit in self.hits]
        if self.score is not None:
            found.append(self.score.explain())
        return found


@dataclass
class SafetyLexicon:
    """Every language's safety patterns, indexed by the word keys they start with."""

    patterns: list[Pattern] = field(default_factory=list)
    # Tuples once built (`index`): a list keeps room to grow, and there are ~10,000 keys.
    by_key: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)
    words: set[str] = field(default_factory=set)  # every literal word of every pattern
    stems: set[str] = field(default_factory=set)
    stem_lengths: set[int] = field(default_factory=set)
    endings: set[str] = field(default_factory=set)  # compound endings ("*pillen" -> "pillen")
    longest_stem: int = 0
    known: set[str] = field(default_factory=set)  # real words that are never read as typos
    # The bot's own vocabulary of each language (the lexicon's sets, looked in, not copied: a
    # union of ~15,000 words cost ~1 MB): real words too.
    vocabularies: tuple[Collection[str], ...] = ()
    # Stems of real words ("kawał*": kawałek, kawałka...) whose every form is itself, no typo.
    known_stems: set[str] = field(default_factory=set)
    # The frequent words of the eight languages (common_words/*.txt): such a word is itself, no
    # typo of a word that raises a signal ("prince" is no "pince"); see `readings`.
    frequent: FrequentWords = field(default_factory=FrequentWords)
    raising: set[str] = field(default_factory=set)  # keys of the patterns that raise a signal
    _word_deletes: _Lookup = field(default_factory=_Lookup)
    _stem_deletes: _Lookup = field(default_factory=_Lookup)
    _undoubled: _Lookup = field(default_factory=_Lookup)
    # A token read as nothing but itself (most tokens) is remembered as None: no set to keep.
    _readings: dict[str, frozenset[str] | None] = field(default_factory=dict)

    def index(self) -> None:
        """Build the look-ups once all patterns are in."""
        by_key: dict[str, list[Pattern]] = defaultdict(list)
        for pattern in self.patterns:
            slots = pattern.slots if pattern.any_order else pattern.slots[:1]
            for slot in slots[:1]:
                for alternative in slot.alternatives:
                    by_key[alternative[0]].append(pattern)
            for slot in (*pattern.slots, *((pattern.unless,) if pattern.unless else ())):
                for alternative in slot.alternatives:
                    if pattern.level not in QUIETING and slot is not pattern.unless:
                        self.raising.update(alternative)
                    for key in alternative:
                        if key.startswith("*") and len(key) > 1:
                            self.endings.add(key[1:])
                        elif key.endswith("*"):
                            self.stems.add(key[:-1])
                        else:
                            self.words.add(key)
        self.by_key = {key: tuple(found) for key, found in by_key.items()}
        self.stem_lengths = {len(s) for s in self.stems}
        self.longest_stem = max(self.stem_lengths, default=0)
        # Interned: the same word in many patterns and languages is kept once.
        self.words = {sys.intern(word) for word in self.words}
        # Markers (a year) are no words anyone mistypes: "year" is not "#year".
        typed = [word for word in self.words if not word.startswith("#")]
        self._undoubled = _Lookup(
            (_undouble(word), word) for word in typed if _undouble(word) != word
        )
        self._word_deletes = _Lookup(
            (variant, word)
            for word in typed
            if len(word) >= FUZZY_MIN
            for variant in _deletes(word) | {word}
        )
        self._stem_deletes = _Lookup(
            (variant, stem)
            for stem in self.stems
            if len(stem) >= FUZZY_MIN
            for variant in _deletes(stem) | {stem}
        )

    def readings(self, token: str) -> frozenset[str]:
        """The pattern keys a token stands for: itself, its stems, and near misses."""
        if token in self._readings:
            return self._readings[token] or frozenset((token,))
        keys = {token}
        if token == END:
            return frozenset(keys)
        if _YEAR.fullmatch(token):
            keys.add(YEAR)
        for length in self.stem_lengths:
            if length <= len(token) and token[:length] in self.stems:
                keys.add(token[:length] + "*")
        for ending in self.endings:
            if len(token) > len(ending) and token.endswith(ending):
                keys.add("*" + ending)
        for variant in _arabic_variants(token):  # read as written, without fuzzy guesses
            keys.add(variant)
            for length in self.stem_lengths:
                if length <= len(variant) and variant[:length] in self.stems:
                    keys.add(variant[:length] + "*")
        # A real word ("feel", "slaap") is that word, not a typo of a pattern word ("fell").
        real = (
            token in self.known
            or any(token in vocabulary for vocabulary in self.vocabularies)
            or self._known_stem(token)
        )
        if token not in self.words and not real:
            undoubled = _undouble(token)
            keys.update(w for w in self._undoubled.get(undoubled) if _undouble(w) == undoubled)
            if undoubled in self.words:  # "kil" is "kil" undoubled: the pattern word itself
                keys.add(undoubled)
        typo = FUZZY_MIN <= len(token) <= FUZZY_MAX
        if typo and token not in self.words and not real:
            near = self._near_words(token) | {s + "*" for s in self._near_stems(token)}
            if near and token in self.frequent:
                # A frequent word of the languages ("prince", "painted") is that word, not a
                # typo of a crisis word ("pince", "fainted"), unless it is that word with
                # another ending ("menacer", "вбили"); it may still be a near spelling of a
                # quieting word (the plural "formations" of "formation", a course).
                near = {key for key in near if key not in self.raising or _inflected(token, key)}
            keys.update(near)
        found = frozenset(keys)
        if len(self._readings) > _CACHE:
            self._readings.clear()
        self._readings[token] = found if len(found) > 1 else None
        return found

    def _known_stem(self, token: str) -> bool:
        """Whether the token begins with the stem of a real word (`known: [kawal*]`)."""
        return any(token[:n] in self.known_stems for n in range(3, len(token) + 1))

    def _near_words(self, token: str) -> set[str]:
        """Pattern words one edit (or one swap of neighbours) away."""
        near = set()
        for variant in _deletes(token) | {token}:
            for word in self._word_deletes.get(variant):
                if OSA.distance(token, word, score_cutoff=1) <= 1:
                    near.add(word)
        return near

    def _near_stems(self, token: str) -> set[str]:
        """Stems that some beginning of the token is one edit away from ("sucid" -> "suicid")."""
        near = set()
        for length in range(FUZZY_MIN, min(len(token), self.longest_stem + 1) + 1):
            prefix = token[:length]
            for variant in _deletes(prefix) | {prefix}:
                for stem in self._stem_deletes.get(variant):
                    if OSA.distance(prefix, stem, score_cutoff=1) <= 1:
                        near.add(stem)
        return near


# --- reading the data files -------------------------------------------------------------------


def _keys(phrase: str) -> tuple[str, ...]:
    """The word keys of one alternative: "heart_attack" -> ("heart", "attack"); "kill*" a stem."""
    keys: list[str] = []
    for part in phrase.replace("_", " ").split():
        if part in (END, YEAR):
            keys.append(part)
            continue
        star = part.endswith("*")
        ending = part.startswith("*")
        folded = words(part.strip("*"))
        if not folded:
            continue
        if ending:
            keys.append("*" + folded[0])
            keys.extend(folded[1:-1] if len(folded) > 1 else ())
            if len(folded) > 1:
                keys.append(folded[-1] + ("*" if star else ""))
            continue
        keys.extend(folded[:-1])
        keys.append(folded[-1] + ("*" if star else ""))
    found = tuple(sys.intern(key) for key in keys)
    return _SHARED.setdefault(found, found)


_SHARED: dict[tuple[str, ...], tuple[str, ...]] = {}
"""While the files are read: one tuple for the same words in many patterns (emptied after)."""


def _slot(
    text: str,
    classes: dict[str, list[tuple[str, ...]]],
    gap: int,
    where: str,
    made: dict[tuple[str, int], Slot] | None = None,
) -> Slot:
    """The slot written `text`; the same slot of a file (a word class in many patterns) is made
    once and shared, through `made`."""
    if made is not None and (text, gap) in made:
        return made[(text, gap)]
    alternatives: list[tuple[str, ...]] = []
    for part in text.split("|"):
        if part.startswith("@"):
            if part[1:] not in classes:
                raise ValueError(f"{where}: unknown word class {part}")
            alternatives.extend(classes[part[1:]])
        else:
            keys = _keys(part)
            if keys:
                alternatives.append(keys)
    if not alternatives:
        raise ValueError(f"{where}: empty slot {text!r}")
    slot = Slot.of(tuple(dict.fromkeys(alternatives)), gap)
    if made is not None:
        made[(text, gap)] = slot
    return slot


def parse_pattern(
    source: str,
    kind: str,
    level: str,
    lang: str,
    classes: dict[str, list[tuple[str, ...]]],
    made: dict[tuple[str, int], Slot] | None = None,
) -> Pattern:
    """One pattern as written in a data file."""
    where = f"{lang}.yaml {kind} {source!r}"
    parts = source.split()
    any_order = bool(parts) and parts[0] == "~"
    if any_order:
        parts = parts[1:]
    unless = None
    if parts and parts[0].startswith("!"):
        unless = _slot(parts[0][1:], classes, GAP, where, made)
        parts = parts[1:]
    slots: list[Slot] = []
    gap = GAP
    for part in parts:
        if re.fullmatch(r"~\d+", part):
            gap = int(part[1:])
            continue
        slots.append(_slot(part, classes, gap, where, made))
        gap = GAP
    if not slots:
        raise ValueError(f"{where}: no words")
    return Pattern(kind, level, lang, source, tuple(slots), any_order, unless)


def _classes(data: dict[str, Any], lang: str) -> dict[str, list[tuple[str, ...]]]:
    classes: dict[str, list[tuple[str, ...]]] = {}
    for name, entries in (data.get("words") or {}).items():
        alternatives: list[tuple[str, ...]] = []
        for entry in entries or ():
            entry = str(entry)
            if entry.startswith("@"):  # a class may include an earlier one
                alternatives.extend(classes[entry[1:]])
            elif _keys(entry):
                alternatives.append(_keys(entry))
        classes[name] = list(dict.fromkeys(alternatives))
    return classes


def add_language(lex: SafetyLexicon, lang: str, data: dict[str, Any]) -> None:
    """Add one language file's patterns to the lexicon."""
    classes = _classes(data, lang)
    made: dict[tuple[str, int], Slot] = {}  # one object per slot written alike in this file
    # `signals` holds situations (a rope bought, "he'll hang himself"), grouped apart from the
    # phrases under `crisis`; it may hold distress situations too.
    for level, key in ((CRISIS, CRISIS), (TOPIC, TOPIC), (CRISIS, "signals")):
        for kind, patterns in (data.get(key) or {}).items():
            if kind not in KINDS and not (key == "signals" and kind == DISTRESS):
                raise ValueError(f"{lang}.yaml: unknown crisis kind {kind!r}")
            for source in patterns or ():
                at = DISTRESS if kind == DISTRESS else level
                pattern = parse_pattern(str(source), kind, at, lang, classes, made)
                if kind == DISTRESS:
                    pattern = replace(pattern, situation=True)
                lex.patterns.append(pattern)
    for source in data.get(DISTRESS) or ():
        lex.patterns.append(parse_pattern(str(source), DISTRESS, DISTRESS, lang, classes, made))
    # `finality` holds cues that are ordinary alone and a crisis together (`_finality`).
    for cue, patterns in (data.get("finality") or {}).items():
        if cue not in FINAL_CUES:
            raise ValueError(f"{lang}.yaml: unknown finality cue {cue!r}")
        for source in patterns or ():
            lex.patterns.append(
                parse_pattern(str(source), SUICIDE, FINAL + cue, lang, classes, made)
            )
    # `weary` holds exhaustion idioms by kind, `burden` what they may be about (`_weary`).
    for kind, patterns in (data.get(WEARY) or {}).items():
        if kind not in KINDS and kind != NONE:
            raise ValueError(f"{lang}.yaml: unknown crisis kind {kind!r}")
        for source in patterns or ():
            lex.patterns.append(parse_pattern(str(source), kind, WEARY, lang, classes, made))
    for kind, patterns in (data.get(BURDEN) or {}).items():
        if kind not in (DISTRESS, NONE):
            raise ValueError(f"{lang}.yaml: a burden is distress or none, not {kind!r}")
        for source in patterns or ():
            pattern = parse_pattern(str(source), kind, BURDEN, lang, classes, made)
            lex.patterns.append(replace(pattern, situation=kind == DISTRESS))
    for key in ("harmless", "about", "info", REPORTED, REASSURED):
        for source in data.get(key) or ():
            lex.patterns.append(parse_pattern(str(source), key, key, lang, classes, made))
    for word in data.get("known") or ():
        # "kawał*": every word that begins so is a real word (kawałek, kawałkiem), no typo.
        if str(word).endswith("*"):
            lex.known_stems.update(words(str(word).rstrip("*")))
        else:
            lex.known.update(words(str(word)))


@lru_cache(maxsize=2)
def load_signals(directory: Path = SAFETY_DIR) -> SafetyLexicon:
    """Read every language's safety file once per process."""
    lex = SafetyLexicon()
    for lang in (*LANGUAGES, *EXTRA_LANGUAGES):
        path = directory / f"{lang}.yaml"
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as f:
            data = yaml.load(f, Loader=_Loader) or {}
        add_language(lex, lang, data)
    # Words the bot knows in any language ("morning", "schulden") are those words, not typos.
    understanding = load_lexicon()
    lex.vocabularies = tuple(understanding.vocabulary.values())
    lex.frequent = understanding.common_words
    lex.index()
    _SHARED.clear()
    return lex


# --- matching ---------------------------------------------------------------------------------


def _alternative_at(alt: tuple[str, ...], readings: Sequence[frozenset[str]], i: int) -> bool:
    if i + len(alt) > len(readings):
        return False
    return all(key in readings[i + k] for k, key in enumerate(alt))


def _slot_at(slot: Slot, readings: Sequence[frozenset[str]], i: int) -> list[int]:
    """The ends of the slot's alternatives that start at token i."""
    keys = readings[i]
    ends = [i + 1] if not keys.isdisjoint(slot.singles) else []
    for alt in slot.longer:
        if alt[0] in keys and _alternative_at(alt, readings, i):
            ends.append(i + len(alt))
    return ends


def _ordered(pattern: Pattern, readings: Sequence[frozenset[str]], start: int) -> list[int] | None:
    """Token positions of the pattern starting at `start`, or None."""

    def rest(k: int, at: int, used: list[int]) -> list[int] | None:
        if k == len(pattern.slots):
            return used
        slot = pattern.slots[k]
        for j in range(at, min(at + slot.gap, len(readings) - 1) + 1):
            for end in _slot_at(slot, readings, j):
                found = rest(k + 1, end, [*used, *range(j, end)])
                if found is not None:
                    return found
        return None

    for end in _slot_at(pattern.slots[0], readings, start):
        found = rest(1, end, list(range(start, end)))
        if found is not None:
            return found
    return None


def _unordered(pattern: Pattern, readings: Sequence[frozenset[str]]) -> list[int] | None:
    """Token positions of the pattern's slots in any order, close together, or None."""
    spans: list[list[tuple[int, int]]] = []
    for slot in pattern.slots:
        found = [(i, end) for i in range(len(readings)) for end in _slot_at(slot, readings, i)]
        if not found:
            return None
        spans.append(found)
    longest = sum(slot.longest for slot in pattern.slots)
    window = longest + GAP * (len(pattern.slots) - 1)
    for first, first_end in spans[0]:
        # Only matches within reach of this one can complete it: that keeps long messages cheap.
        near = [[(i, e) for i, e in found if abs(i - first) <= window] for found in spans[1:]]
        for combo in product(*near):
            spots = [(first, first_end), *combo]
            used = sorted(p for i, end in spots for p in range(i, end))
            if len(used) != len(set(used)):
                continue
            if used[-1] - used[0] + 1 - len(used) <= GAP * (len(spots) - 1):
                return used
    return None


def _negated(pattern: Pattern, readings: Sequence[frozenset[str]], first: int) -> bool:
    """Whether one of the pattern's `unless` words stands just before its first word."""
    if pattern.unless is None:
        return False
    return any(
        _slot_at(pattern.unless, readings, j) for j in range(max(0, first - GAP - 1), first)
    )


def message_words(text: str) -> list[str]:
    """The folded words of a message, with END after each sentence."""
    return _sentences(text)[0]


def _sentences(text: str) -> tuple[list[str], list[int], list[str]]:
    """The message's words (as `message_words`), the sentence each token stands in, and the
    sentences' texts. A clause ends at a comma too; a sentence only at . ! ? ; or a new line."""
    tokens: list[str] = [END]
    where: list[int] = [0]
    texts: list[str] = [""]
    parts = _SENTENCE_END_KEPT.split(text)
    for k, part in enumerate(parts):
        if k % 2:  # a separator between two clauses
            if _SENTENCE_STOP.search(part) and texts[-1]:
                texts.append("")
            continue
        found = words(part)
        if found:
            texts[-1] += " " + part
            tokens.extend((*found, END))
            where.extend([len(texts) - 1] * (len(found) + 1))
        if len(tokens) >= MAX_TOKENS:
            break
    return tokens[:MAX_TOKENS], where[:MAX_TOKENS], texts


def _languages_of(text: str) -> frozenset[str] | None:
    """The languages a stretch of text may be written in (script, then words), or None when
    its words say nothing; a Persian file's words count wherever Arabic script is read."""
    clear, tied = written_in(words(text), text, load_lexicon())
    found = set(tied) if clear is None else {clear}
    if not found:
        return None
    if "ar" in found:
        found.update(EXTRA_LANGUAGES)
    return frozenset(found)


@dataclass(frozen=True)
class Layout:
    """The sentences of a message: which one each token stands in, and each one's languages."""

    where: Sequence[int] = ()
    languages: Sequence[frozenset[str] | None] = ()  # None: its words say nothing

    def sentences(self, hit: Hit) -> set[int]:
        """The sentences a hit's words stand in (none when they are not known)."""
        return {self.where[p] for p in hit.positions if p < len(self.where)}

    def written_in(self, hit: Hit, lang: str) -> bool:
        """Whether a sentence the hit stands in may be written in `lang` (unknown: it may)."""
        found = [self.languages[s] for s in self.sentences(hit) if s < len(self.languages)]
        return not found or any(langs is None or lang in langs for langs in found)


def heard(hits: list[Hit], text: str, lang: str | None = None) -> list[Hit]:
    """The hits that count: every crisis-raising one (people write in the language they think
    in), but a quieting one (`QUIETING`: information, the past, a report, an idiom) only in the
    language of the sentence it stands in: a Dutch "les" (a lesson) in a French sentence is an
    article, and quiets no French crisis. A sentence whose words say nothing goes by the whole
    message; a message whose words say nothing by `lang` (the conversation's language), and
    without one every language's quieting counts, as before."""
    return _heard(hits, text, lang)[0]


def _heard(hits: list[Hit], text: str, lang: str | None) -> tuple[list[Hit], Layout]:
    """`heard`, and the message's sentences."""
    _tokens, where, texts = _sentences(text)
    if not any(hit.pattern.level in QUIETING for hit in hits):
        return hits, Layout(where)
    whole = _languages_of(text)
    if whole is None and lang:
        whole = frozenset({lang, *(EXTRA_LANGUAGES if lang == "ar" else ())})
    layout = Layout(where, [_languages_of(sentence) or whole for sentence in texts])
    return [
        h for h in hits if h.pattern.level not in QUIETING or layout.written_in(h, h.language)
    ], layout


def find(text: str, lex: SafetyLexicon | None = None) -> list[Hit]:
    """Every pattern of every level found in the text."""
    lex = lex or load_signals()
    tokens = message_words(text)
    readings = [lex.readings(t) for t in tokens]
    hits: list[Hit] = []
    tried: set[int] = set()
    for i, keys in enumerate(readings):
        # In order: a set's order changes with the process's hash seed, and the first of two
        # equal hits names the signal's language ("ik druk sigaretten uit": nl, not de).
        for key in sorted(keys):
            for pattern in lex.by_key.get(key, ()):
                if pattern.any_order:
                    if id(pattern) in tried:
                        continue
                    tried.add(id(pattern))
                    used = _unordered(pattern, readings)
                else:
                    used = _ordered(pattern, readings, i)
                if used is not None and not _negated(pattern, readings, used[0]):
                    hits.append(Hit(pattern, frozenset(used)))
    return hits


def _kept(hits: Iterable[Hit], harmless: Iterable[Hit]) -> list[Hit]:
    covered = set().union(*(h.positions for h in harmless))
    return [h for h in hits if not h.positions & covered]


def patterns_detect(
    text: str, lex: SafetyLexicon | None = None, crises: bool = True, lang: str | None = None
) -> Signal | None:
    """The crisis (or distress) this text signals, or None; only distress with crises=False;
    `lang`: the conversation's language, for a message whose words say nothing (`heard`)."""
    hits, layout = _heard(find(text, lex), text, lang)
    return _signal_of(hits, crises, layout)


def _signal_of(
    hits: list[Hit], crises: bool = True, layout: Layout | None = None
) -> Signal | None:
    """What the patterns found in a message signal (see patterns_detect); `layout`: its
    sentences and their languages (`heard`), so that a question quiets the subject beside it."""
    if not hits:
        return None
    layout = layout or Layout()
    levels: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits:
        levels[hit.pattern.level].append(hit)
    weary, tired = _weary(levels)
    crisis = _kept(levels[CRISIS] + weary + _finality(levels), levels["harmless"])

    def near(quieting: Hit, hit: Hit) -> bool:
        """Information, the past and a report (counted in their own sentence's language only:
        `heard`) quiet what stands in the same sentence ("a talk about stroke") or in a sentence
        of their language: a Dutch question before a French sentence quiets no "suicide" in
        it, though Dutch reads that word too."""
        if layout.sentences(quieting) & layout.sentences(hit):
            return True
        return layout.written_in(hit, quieting.language)

    # A report word inside a harmless phrase ("after bad news from home") reports nothing.
    reports = _kept(levels[REPORTED], levels["harmless"])
    asked = levels["about"] + levels["info"] + reports
    quiet = [h for h in levels[TOPIC] if any(near(q, h) for q in asked)]
    # The same words read in another language ("suicide" is English, French and Dutch) stay quiet.
    quiet_at = set().union(*(h.positions for h in quiet))
    topic = _kept(
        [h for h in levels[TOPIC] if h not in quiet and not h.positions <= quiet_at],
        levels["harmless"],
    )
    # A crisis pattern beside a report of its own part of the message is checked; one in
    # another language's sentence ("Is there a first-aid course? Je veux mourir") is not.
    certain = [h for h in crisis if not any(near(r, h) for r in reports)]
    for level, found in ((CRISIS, certain), (CHECKED, crisis), (TOPIC, topic)):
        if found and crises:
            best = min(found, key=lambda h: KINDS.index(h.kind))
            ordered = sorted(found, key=lambda h: (h is not best, KINDS.index(h.kind)))
            if level == CHECKED:
                ordered += reports
            return Signal(best.kind, best.language, level, tuple(ordered))
    # A question about a talk or a course is not loneliness; a word of the loneliness itself
    # ("I talk to no one") or inside its phrase does not make it a question, and a situation
    # ("low for months", "my kids never visit") stays one whatever is asked beside it.
    asking = levels["info"]
    distress = _kept(
        [
            h
            for h in levels[DISTRESS]
            if h.pattern.situation or not any(near(a, h) and not _inside(a, h) for a in asking)
        ]
        + tired,
        levels["harmless"],
    )
    if distress:
        return Signal(DISTRESS, distress[0].language, DISTRESS, tuple(distress))
    return None


def _weary(levels: dict[str, list[Hit]]) -> tuple[list[Hit], list[Hit]]:
    """The exhaustion idioms that are a crisis, and the burdens that make them distress.

    "Ik kan niet meer", "je n'en peux plus", "nie daję rady" alone are a crisis (the same idioms
    said of anything, `weary: none`, are none: "je n'en peux plus de ce voisin"). Beside a
    burden named in the same language they are what that burden says: the care of a relative
    ("de zorg voor mijn moeder", "m'occuper de ma mère") is distress, a carer at the end of her
    tether; a chore or a neighbour ("ce voisin qui perce", "the queue") nothing, and the
    classifier reads the rest. Words of death or a plan beside them fire `crisis` patterns."""
    weary = [h for h in levels.get(WEARY, []) if h.kind in KINDS]
    burdens = levels.get(BURDEN, [])
    if not burdens:
        return weary, []
    return [], [b for b in burdens if b.kind == DISTRESS] if weary else []


def _finality(levels: dict[str, list[Hit]]) -> list[Hit]:
    """The finality cues that together make a suicide signal, or [] (issue 12).

    One cue is ordinary: books given away, a bank card cancelled, a rope for the washing line,
    "I won't need it any more". A pair, each on its own words, is not: an end ("from next week
    I won't exist", "nobody will miss me", "so nobody has to do it after me") beside any other
    cue (an act, "not needed", means, a date, another end); means acquired beside an act or
    "not needed"; someone out of reach beside an act (his guitar given away, a letter left).
    An ordinary reason in the message (moving, stolen, an e-reader, the washing line) leaves
    only an end beside an act, means or "not needed"."""
    # A cue of things inside a harmless phrase ("closed the account of my late mother") is no
    # cue; an end or someone out of reach is read as written ("he doesn't answer the phone"
    # is a harmless question about a helpline, and a cue beside his guitar given away).
    cues = {
        cue: levels.get(FINAL + cue, [])
        if cue in ("end", "gone")
        else _kept(levels.get(FINAL + cue, []), levels["harmless"])
        for cue in FINAL_CUES
    }

    def pair(first: str, second: str) -> list[Hit]:
        for a in cues[first]:
            for b in cues[second]:
                if not a.positions & b.positions:
                    return [a, b]
        return []

    if cues["reason"]:
        pairs = [("end", "act"), ("end", "means"), ("end", "noneed")]
    else:
        pairs = [
            ("end", "act"),
            ("end", "means"),
            ("end", "noneed"),
            ("end", "when"),
            ("end", "end"),
            ("means", "act"),
            ("means", "noneed"),
            ("gone", "act"),
        ]
    for first, second in pairs:
        found = pair(first, second)
        if found:
            return found
    return []


def _unless_harmless(text: str, hits: Iterable[Hit]) -> list[str] | None:
    """The words the classifier reads: all (None), or, when a harmless idiom fired ("this heat
    will kill me", "my phone battery died") or an exhaustion idiom beside the burden it is about
    ("I can't take it any more, I look after my mother alone": `_weary`), the words outside it,
    so that its "kill", "died" and "not any more" do not count there either."""
    hits = list(hits)
    burdened = any(h.pattern.level == BURDEN for h in hits)
    covered = set().union(
        *(
            h.positions
            for h in hits
            if h.pattern.level == "harmless" or (burdened and h.pattern.level == WEARY)
        )
    )
    if not covered:
        return None
    tokens = message_words(text)
    return [t for i, t in enumerate(tokens) if t != END and i not in covered]


def _explained(hits: Iterable[Hit]) -> bool:
    """Whether an exhaustion idiom stands beside the burden it is about ("je n'en peux plus de
    ce voisin"): the classifier, reading the rest, then raises only a certain crisis (HIGH), as
    beside distress told as a situation; an unsure score makes no possible crisis of a chore."""
    levels = {h.pattern.level for h in hits}
    return WEARY in levels and BURDEN in levels


def _reassured(hits: Iterable[Hit], signal: Signal | None, score: Score) -> bool:
    """Whether the message reassures (`reassured`: "I won't do anything to myself", "just a bad
    week") where only the classifier, or a word of its own kind that may be a subject ("I won't
    hurt myself"), reads a suicide or self-harm: then it is sadness, not a crisis."""
    own = (SUICIDE, SELF_HARM)
    if score.kind not in own or not any(h.pattern.level == REASSURED for h in hits):
        return False
    return (
        signal is None or signal.kind == DISTRESS or (signal.level == TOPIC and signal.kind in own)
    )


def _inside(hit: Hit, within: Hit) -> bool:
    """Whether a hit's words stand within the stretch of words another hit spans."""
    return (
        min(within.positions) <= min(hit.positions) <= max(hit.positions) <= max(within.positions)
    )


def explain(text: str, lex: SafetyLexicon | None = None) -> list[str]:
    """Every pattern that fired on the text (harmless and about ones too), for debugging."""
    return sorted({hit.describe() for hit in find(text, lex)})


def detect(
    text: str,
    lex: SafetyLexicon | None = None,
    model: SafetyModel | None = None,
    lang: str | None = None,
) -> Signal | None:
    """Patterns first (a hit is certain), then the trained classifier (conversations/
    safety_model.py): a score at or above HIGH is a crisis, from LOW a possible crisis.
    `lang`: the conversation's language, for a message whose words say nothing (`heard`)."""
    hits, layout = _heard(find(text, lex), text, lang)
    signal = _signal_of(hits, layout=layout)
    if signal is not None and signal.kind in KINDS and signal.level == CRISIS:
        return signal
    if is_plain_answer(text):
        # "ja", "evet", "tak", "نعم": a typed answer to our own question. Character n-grams of
        # one short word say nothing (they scored "evet" as suicide); the patterns still count.
        return signal
    checked = signal is not None and signal.level == CHECKED
    read = _unless_harmless(text, hits)
    if not checked and len(tokens_of(text) if read is None else read) < MIN_WORDS:
        return signal  # a few n-grams decide nothing ("et lundi ?"): patterns only
    model = model or load_model()
    score = model.score(text)
    if read is not None:
        # An idiom explains its own alarming words: the surer of the two readings counts (the
        # whole message was trained on; its rest alone may be too short to say much).
        score = min(score, model.score(text, tokens=read), key=lambda s: s.crisis)
    if checked and signal is not None:  # checked implies a signal; mypy cannot see that
        # A crisis pattern in a report: certain if the classifier agrees, else nothing (or
        # the loneliness the message may also speak of).
        if score.crisis >= LOW:
            return Signal(signal.kind, signal.language, CRISIS, signal.hits, score)
        signal = _signal_of(hits, crises=False, layout=layout)
    if _reassured(hits, signal, score):
        # Sadness told with its own reassurance ("I won't do anything to myself, just a bad
        # winter", "then my granddaughter calls and it's fine again"): the classifier reads the
        # sadness, which is distress; a crisis pattern (a plan, a method) fired above already.
        return Signal(DISTRESS, "", DISTRESS, (), score)
    # The language is left to the words (safety.message_language): no pattern fired.
    if score.crisis >= HIGH:
        return Signal(score.kind, "", CRISIS, (), score)
    if signal is not None and signal.kind in KINDS:  # a topic word: possible already
        return signal
    if signal is not None and any(hit.pattern.situation for hit in signal.hits):
        # Distress told as a situation ("useless since I retired", "empty since my wife
        # died"): an unsure classifier does not make it a possible crisis; a sure one does.
        # A bare word of loneliness ("I am alone") does not quiet it: a threat may stand beside.
        return signal
    if score.crisis >= LOW and not _explained(hits):
        return Signal(score.kind, "", POSSIBLE, (), score)
    if signal is None and score.distress >= LOW:  # grief no pattern lists (cross-validated)
        return Signal(DISTRESS, "", DISTRESS, (), score)
    return signal
