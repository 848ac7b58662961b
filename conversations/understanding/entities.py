"""Centres, activities and desks named in a message, found through the organisation's own data."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import pairwise, product
from typing import Any

from rapidfuzz import fuzz, process

from conversations.understanding.lexicon import Lexicon, PhraseIndex, longest_only
from conversations.understanding.nearby import reaches
from conversations.understanding.text import fold, shared_prefix, words
from storage.model import Organisation

FUZZY_CUTOFF = 80.0  # rapidfuzz ratio for a typo in a name ("mariakerk", "centum")
FUZZY_MARGIN = 4.0  # the best name must beat the next other name by this much
EXACT = 100.0  # rapidfuzz ratio of a word spelt or heard just as a name is
_SLAVIC = frozenset({"pl", "uk"})  # their titles are never another's written in Cyrillic
TITLE_FUZZY_CUTOFF = 85.0  # stricter for title words: they are ordinary words
RUN_TOGETHER_NAME = 5  # a name this long may be found inside a longer word ("steneopen")
RUN_TOGETHER_REST = 3  # ... when at least this much is left over ("stenen" is just stones)
TOWN_CASE_ENDING = 2  # letters a case ending adds to the town's name ("Неймеген|і")
TOWN_SPELLING = 0.7  # likeness of a town's other spelling to its own ("Ostend", "Oostende")
OWN_REACH = 3  # small words between a word for our centres and an area's name ("aan de")
DECLINED_MIN = 4  # the shortest last word of a name given case forms ("Opex" -> "Opexie")
DECLINED_WORDS = 2  # the most words of a name given case forms ("Lange Munte")
STEM = 5  # shared beginning that makes two inflected forms one word ("lekcje" ~ "lekcji")
STEM_SLACK = 3  # letters an inflected form may differ by ("lekcje" ~ "lekcji")
OUTSIDE_TAIL = 4  # the shortest word of an outside thing a compound ends in ("museum", "bus")
SHORT_TITLE = 4  # a title word this short is found with an ending ("film" in "filmowe")
SHORT_ENDING = 4  # the longest such ending ("-owe", "-en", "-ovij" of "фільмовий")
# An ending starts with a vowel ("-owe", "-en", "-ovij") or is one of these (Turkish case and
# plural endings, a plural s): "dam" of "Zaandam" is no ending of a title word "Zaan".
_CONSONANT_ENDINGS = frozenset({"da", "de", "ta", "te", "ya", "ye", "ler", "lar", "s"})
SAINT = "sint"  # the one spelling of a saint's title in names ("St-Anna", "Saint Anna")
PART = 0.5  # weight of a title word found only as the head of a longer word of the message
AUDIENCE = 0.5  # weight of a title word that only says who the item is for ("for seniors")
SPLIT_PART = 4  # the shortest part of a title word written apart ("kerst markt", "brei club")
PAIR_STEM = 4  # shared beginning of a word said in a title's phrase and its title form
PAIR_SLACK = 2  # letters such a form may differ by ("першу допомогу" ~ "першої допомоги")
_POSTCODE = re.compile(r"\b(\d{4})(?:\s?[a-z]{2}\b)?")
SHORT_NAME = 4  # a name shorter than this is found only as written ("Еке" is Eke)
RAW_WORD = re.compile(r"[^\W\d_]+")

# Ukrainian letters written as a Dutch name would be ("Стене" -> "stene"), for centres
# whose Cyrillic spelling the data does not list.
_CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "je",
        "ж": "zj", "з": "z", "и": "i", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "х": "h", "ц": "ts", "ч": "tsj", "ш": "sj", "щ": "sjtsj", "ь": "",
        "ю": "ju", "я": "ja", "ы": "y", "э": "e", "ё": "jo", "ъ": "",
    }
)  # fmt: skip


def _cyrillic(text: str) -> bool:
    return any(0x400 <= ord(ch) < 0x530 for ch in text)


def transliterate(token: str) -> str:
    """A Cyrillic word in Latin letters, roughly as Dutch spells it."""
    return token.translate(_CYRILLIC_TO_LATIN)


# Arabic writes a Dutch name by its consonants ("Koppel" as "كوبل", "Tegelen" as "تيخلن"): both
# scripts are compared as the consonants heard, vowels, long-vowel letters and h left out.
_ARABIC_SOUNDS = str.maketrans(
    {
        "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "s", "س": "s", "ص": "s", "ش": "s",
        "ز": "s", "ظ": "s", "ذ": "d", "د": "d", "ض": "d", "ج": "g", "خ": "g", "غ": "g",
        "گ": "g", "ق": "k", "ك": "k", "ف": "f", "ڤ": "f", "ل": "l", "م": "m", "ن": "n",
        "ر": "r",
    }
)  # fmt: skip
_LATIN_SOUNDS = (
    ("sch", "sg"), ("ch", "g"), ("ck", "k"), ("sj", "s"), ("sh", "s"), ("ph", "f"), ("x", "ks"),
    ("c", "k"), ("q", "k"), ("p", "b"), ("v", "f"), ("z", "s"),
)  # fmt: skip
_ARABIC_VOWEL_LETTERS = frozenset("اويأإآؤئءعى")
_CONSONANT = re.compile(r"[bdfgklmnrst]")
SKELETON_FUZZY = 85.0  # "خرونفولد" (grnfld) for Groenewold (grnld): a w heard as f
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
_ARABIC_DEFINITE = ("ال", "بال", "فال", "وال", "كال", "لل")  # the article, alone or glued on
_ARABIC_IN = ("بال", "فال")  # "in the", glued on: "بالمركز" is "في المركز"
SKELETON_MIN = 3  # consonants a name needs for its skeleton to name it ("kbl" of "Koppel")
TITLE_SKELETON_MIN = 4  # a title word's ("tlkf" of "Taalcafé"): Arabic words have three


# A short name has too few consonants to be told apart ("Ename" is "nm"): Arabic then spells
# its vowels with long-vowel letters ("اينامه"), so the pattern of consonants and vowels is
# compared ("VnVmV"); a final "ه" is a vowel heard, like the "e" of "Ename".
_ARABIC_VOWEL_SOUND = frozenset("اويأإآى")
_ARABIC_ONE_LETTER_IN = frozenset("فبل")  # "فاينه", "باينه": in Eine; "لاينه": to Eine
_LATIN_VOWEL = frozenset("aeiouyjw")


def _collapse(letters: str) -> str:
    return "".join(c for i, c in enumerate(letters) if i == 0 or c != letters[i - 1])


def _written_with(raw: str, word: str, prefixes: Sequence[str]) -> bool:
    """Whether an Arabic word read bare ("مركز") was written with one of `prefixes` glued on
    ("المركز", "بالمركز")."""
    return any(
        re.search(rf"(?<!\w){prefix}{re.escape(word)}(?!\w)", fold(raw)) for prefix in prefixes
    )


def latin_skeleton(name: str) -> str:
    """The consonants of a Latin name as Arabic would write them ("blerick" -> "blrk")."""
    for spelled, sound in _LATIN_SOUNDS:
        name = name.replace(spelled, sound)
    return _collapse("".join(_CONSONANT.findall(name)))


def arabic_skeleton(token: str) -> str:
    """The consonants of an Arabic word, or "" when it spells no vowel: an Arabic word spells
    a foreign name's vowels with long-vowel letters ("كوبل"), ordinary words often not ("قبل")."""
    if not any(c in _ARABIC_VOWEL_LETTERS for c in token[1:-1]):
        return ""
    return _collapse("".join(c for c in token.translate(_ARABIC_SOUNDS) if c.isascii()))


def latin_pattern(name: str) -> str:
    """Consonants and vowels of a Latin name as Arabic would write them ("ename" -> "VnVmV")."""
    for spelled, sound in _LATIN_SOUNDS:
        name = name.replace(spelled, sound)
    heard = "".join(
        "V" if c in _LATIN_VOWEL else c for c in name if c in _LATIN_VOWEL or _CONSONANT.match(c)
    )
    return _collapse(heard)


def arabic_pattern(token: str) -> str:
    """Consonants and vowels of an Arabic word spelled with long-vowel letters ("VnVmV")."""
    heard = []
    for i, c in enumerate(token):
        if c in _ARABIC_VOWEL_SOUND or (c in "هة" and i == len(token) - 1):
            heard.append("V")
        else:
            sound = c.translate(_ARABIC_SOUNDS)
            if sound.isascii():
                heard.append(sound)
    return _collapse("".join(heard))


# Cyrillic writes the Dutch w as "в", ie as "і", oe as "у", ij and ui as "ей", x as "кс", a soft
# l before e as "лє", and the Dutch h and g alike as "г" or "х" ("Вольвенгук" of Wolvenhoek,
# "Хогевейде" of Hoogeweide): a Cyrillic name and a Latin one are compared as heard, in one
# spelling for each sound (g and h as one, f and v as one).
_HEARD = (
    ("sch", "sg"), ("ch", "g"), ("ck", "k"), ("ij", "ei"), ("ui", "ei"), ("ej", "ei"),
    ("ie", "i"), ("aa", "a"), ("ee", "e"), ("oo", "o"), ("oe", "u"), ("uu", "u"), ("ou", "au"),
    ("w", "v"), ("f", "v"), ("x", "ks"), ("c", "k"), ("h", "g"),
    ("lje", "le"), ("nje", "ne"), ("rje", "re"),
)  # fmt: skip


def heard(name: str) -> str:
    """A Latin name, or a Cyrillic one in Latin letters, in one spelling for each sound."""
    for spelled, sound in _HEARD:
        name = name.replace(spelled, sound)
    return name


def _placed(
    texts: Sequence[str],
    span: Collection[int],
    where: Collection[int],
    glue: Collection[str],
    prefixes: Collection[str],
) -> bool:
    """Whether the words at `span` stand beside a word at `where` with at most `OWN_REACH`
    small words between, a word for "in" among them: "ik woon in Bergen", "Bergen'de
    oturuyorum", "my GP is in Stene"; not "oturuyorum Baken", "Vuurtorenwijk? My pharmacy"."""
    for step, k in ((-1, min(span) - 1), (1, max(span) + 1)):
        between: list[str] = []
        while 0 <= k < len(texts) and len(between) <= OWN_REACH:
            if k in where:
                if any(w in prefixes for w in between):
                    return True
                break
            if texts[k] not in glue:
                break
            between.append(texts[k])
            k += step
    return False


def _split_into(word: str, parts: Collection[str]) -> tuple[str, ...]:
    """The word as a run of whole parts ("vuurtorenwijk" -> "vuurtoren", "wijk"), or ()."""
    if not word:
        return ()
    for k in range(len(word), 0, -1):
        if word[:k] in parts:
            if k == len(word):
                return (word,)
            rest = _split_into(word[k:], parts)
            if rest:
                return (word[:k], *rest)
    return ()


@dataclass(frozen=True)
class CentreFind:
    """The centre a message names, or the centres it could mean."""

    centre: str | None = None
    candidates: tuple[str, ...] = ()
    postcode: str | None = None
    used: frozenset[int] = frozenset()
    named: bool = False  # a centre was named by its own name (not only a postcode or kind)
    loose: bool = False  # named only by a bare generic word ("is centrum open"): may be generic
    own: bool = False  # named by its building's own name ("Het Anker"), not only by its area
    # Named only by a common word for the town centre ("in het centrum", "downtown", "le centre
    # de Kranenbeek"): that centre yields to where the activity or desk asked about is held.
    implied: bool = False
    # Named only by a likeness to a name ("Baaken", "باكين"), not as any name of it is written:
    # that centre too yields to where the activity or desk asked about is held.
    guessed: bool = False


class CentreIndex:
    """Every way residents name the organisation's centres."""

    def __init__(self, org: Organisation, lex: Lexicon) -> None:
        self.lex = lex
        self.all_ids = tuple(c.id for c in org.centres)
        self.keys: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.postcodes: dict[str, set[str]] = defaultdict(set)
        self.kinds: dict[str, set[str]] = defaultdict(set)
        # Keys that name a building itself ("het anker"); a district, alias or a name that is
        # only its area's ("Ontmoetingscentrum Stene") names a place, where shops are too.
        self.own_keys: set[tuple[str, ...]] = set()
        area_keys: set[tuple[str, ...]] = set()
        # Centres with a name of their own beside their area's ("De Markt" in the Centrum):
        # "in het centrum", "у центрі" is no name of theirs, only "at the centre".
        self.named_itself: set[str] = set()
        self.town_of_keys: set[tuple[str, ...]] = set()  # "centre of <town>"
        self.implied_keys: set[tuple[str, ...]] = set()  # "downtown", "centre of <town>"
        # The one centre whose district is the town centre ("Binnenstad", "Knokke-centrum"):
        # "im Zentrum", "in the centre", "w centrum" name it as they name a district "Centrum".
        self.town_centre: str | None = None
        by_address: dict[str, set[str]] = defaultdict(set)
        generic = lex.centre_words | lex.stopwords | lex.centre_kinds.words
        self.generic = frozenset(generic)
        shared: dict[str, set[str]] = defaultdict(set)
        names: dict[str, list[tuple[str, ...]]] = {}
        for c in org.centres:
            names[c.id] = [words(n) for n in c.name.all()]
            for name in names[c.id]:
                for w in name:
                    shared[w].add(c.id)
        # The city's own name ("Sociaal Huis Dendermeer") names the whole organisation, not
        # that one centre: "de markt in Dendermeer" is no question about the Sociaal Huis.
        city = {w for n in org.name.all() for w in words(n)}
        # Of those, the words no centre's name shares ("brugge" beside "De Garve"): the
        # city itself, never a typo of a centre ("8310 Brügge" is no "Zeebrugge").
        self.city = frozenset(city - set(shared) - generic)
        # The town's own name in another script ("Нінове" of "Dienstencentra Ninove") names the
        # whole organisation where its name names one town, even as a centre's alias; a town of
        # several ("Tongeren-Borgloon") may name its own centre.
        address_towns = {
            w for c in org.centres for w in words(c.address.split(",")[-1]) if not w.isdigit()
        }
        org_words = set(words(org.name.values.get(org.default_language) or ""))
        one_town = len(org_words & address_towns) == 1
        self.town_aliases: dict[str, set[str]] = defaultdict(set)
        # Words the names of all its centres share ("buurthuis", "بيت الحي"): this
        # organisation's own word for its centres, naming no topic ("بيت" is no housing here).
        everyone = len(org.centres)
        self.name_words = frozenset(
            w
            for w, ids in shared.items()
            if everyone > 1 and len(ids) == everyone and w not in lex.stopwords
        )
        for c in org.centres:
            # The words of its district and of the town in its address: a name made of them
            # ("Dienstencentrum Nieuwkerken" in Nieuwkerken-Waas) is its area's, where a
            # library or a bakery is too ("de bib in Nieuwkerken").
            town = set(words(c.district or "")) | {
                w for w in words(c.address.split(",")[-1]) if not w.isdigit()
            }
            for name in names[c.id]:
                key = tuple(
                    w for w in name if w not in generic and len(shared[w]) == 1 and not w.isdigit()
                )
                if key and not set(key) <= city:
                    self.keys[key].add(c.id)
                    self.own_keys.add(key)
                    if set(key) <= town:
                        area_keys.add(key)
            # Its name in the organisation's own language says whether it has one of its own
            # ("Dienstencentrum De Markt"), not its area's ("Dienstencentrum Tienen-Centrum");
            # translations may put the area in words ("Tienen town centre service centre").
            own_name = words(c.name.values.get(org.default_language) or "")
            own = {w for w in own_name if w not in generic and len(shared[w]) == 1}
            if own and not own <= city | town and not all(w.isdigit() for w in own):
                self.named_itself.add(c.id)
            named_words = {w for name in names[c.id] for w in name}
            area_words = set(words(c.district or "")) | set(words(_street(c.address) or ""))
            for text in (c.district, *c.aliases, _street(c.address)):
                key = words(text) if text else ()
                if one_town and len(key) == 1 and key[0] in city and text in c.aliases:
                    self.town_aliases[c.id].add(key[0])
                    continue
                if key:
                    self.keys[key].add(c.id)
                    # An alias made of words of the building's own name ("Pelikaan" of
                    # "Buurthuis De Pelikaan") names the building, not an area.
                    if text in c.aliases and set(key) <= named_words - area_words:
                        self.own_keys.add(key)
                    else:
                        area_keys.add(key)
            key = words(c.id.replace("-", " "))
            if key:
                self.keys[key].add(c.id)
            for code in c.postcodes:
                self.postcodes[code].add(c.id)
            for code in _POSTCODE.findall(fold(c.address)):
                by_address[code].add(c.id)
            self.kinds[c.kind].add(c.id)
        self._words = set().union(*lex.vocabulary.values()) | lex.everyday | lex.stopwords
        self._declined(lex, area_keys, generic | city)
        # What may follow a name in the same word: a word run together with it ("steneopen")
        # or an ending ("Reeshofdaki"); anything else makes another name ("Verleedal").
        self._after_name = lex.everyday | lex.stopwords | lex.opening_words.words
        self._after_name |= lex.name_endings | set().union(*lex.located_after.values())
        self.compass_keys = self._name_by_compass(area_keys)
        self._name_the_town_centre(org, lex, area_keys)
        self.implied_keys |= self.town_of_keys
        self.town_phrases = self._town_phrases(org, lex)
        # "in het centrum", "im Zentrum", "у центрі" name the district that is the town centre,
        # whatever name of its own its centre has ("De Linde", district Centrum).
        self.named_itself -= {
            c.id
            for c in org.centres
            if words(c.district or "") and words(c.district or "")[-1] in lex.town_centre_districts
        }
        self.own_keys -= area_keys
        # A city word inside a longer name only ("Nijmegen" of "Nijmegen-Oost") is still the
        # city when it stands alone: "Nijmegen'de Türk fırını" names no centre.
        self.city |= frozenset(w for w in city - generic if (w,) not in self.keys)
        # The town's name as it sounds, for its name in Cyrillic or Arabic letters where the data
        # gives none ("Неймегені", "نايميخن" of Nijmegen).
        latin_city = [w for w in self.city if w.isascii() and len(w) >= SKELETON_MIN + 1]
        self._city_sounds = frozenset(heard(w) for w in latin_city)
        self._city_skeletons = frozenset(
            k for k in (latin_skeleton(w) for w in latin_city) if len(k) >= SKELETON_MIN
        )
        # A postcode a centre says it serves beats one its building merely stands in: Wijkpunt
        # Noord's address in 3314 does not make it the centre for 3314 when De Linde serves it.
        for code, ids in by_address.items():
            if code not in self.postcodes:
                self.postcodes[code] = ids
        self._canonical_saints()
        self._name_parts_said()
        self.weak = {k for k in self.keys if all(w in lex.centre_words for w in k)}
        self.max_len = max((len(k) for k in self.keys), default=1)
        self.fuzzy_choices: dict[str, set[str]] = defaultdict(set)
        # "centre de <town>", a compass word in another language, a declined form and a
        # district's translated parts only as written: "vermem" is no typo of "Veerem" (Het Veer).
        as_written = self.town_of_keys | self.compass_keys | self.declined_keys
        as_written |= self.compound_keys
        for key, ids in self.keys.items():
            if key not in as_written:
                self.fuzzy_choices["".join(key)] |= ids
        self._choices = list(self.fuzzy_choices)
        self._multi_word_keys = [
            k for k in self.keys if len(k) > 1 and "".join(k) in self.fuzzy_choices
        ]
        self._weak_choices = {"".join(k) for k in self.weak}
        self._inside_choices = {
            c for c in self._choices if len(c) >= RUN_TOGETHER_NAME and c not in self._weak_choices
        }
        # Latin names by their consonants, for names written in Arabic letters the data does
        # not list ("الكوبل" for De Koppel); a skeleton two names share names neither.
        skeletons: dict[str, set[str]] = defaultdict(set)
        for choice in self._choices:
            skeleton = latin_skeleton(choice)
            if len(skeleton) >= SKELETON_MIN and choice not in self._weak_choices:
                skeletons[skeleton] |= self.fuzzy_choices[choice]
        self._skeletons = {k: v for k, v in skeletons.items() if len(v) == 1}
        # Each word of a name of several words by its consonants ("lng", "mnt" of Lange Munte)
        self._part_skeletons = frozenset(
            k
            for key in self._multi_word_keys
            for k in (latin_skeleton(w) for w in key)
            if len(k) >= SKELETON_MIN
        )
        self._skeleton_choices = list(self._skeletons)
        patterns: dict[str, set[str]] = defaultdict(set)
        sounds: dict[str, set[str]] = defaultdict(set)
        for choice in self._choices:
            if choice not in self._weak_choices and choice.isascii():
                patterns[latin_pattern(choice)] |= self.fuzzy_choices[choice]
                sounds[heard(choice)] |= self.fuzzy_choices[choice]
        self._patterns = {k: v for k, v in patterns.items() if len(v) == 1 and "V" in k}
        self._sounds = dict(sounds)
        self._sound_choices = list(sounds)

    def _declined(self, lex: Lexicon, area_keys: set[tuple[str, ...]], generic: set[str]) -> None:
        """Names declined as a language of the lexicon declines them ("w Stenie", "do
        Molenhoeku", "w Lange Muncie"), and a name of several words said without the vowel
        its last word ends in ("Lange Munt"); a form that is a word of ours or another
        centre's key stays that word. Made once, here: the one way a case ending is read.
        A language writing our names in another script (Ukrainian "з Кімом") has its forms
        kept by sound, for a Cyrillic word in Latin letters (`_by_latin`)."""
        taken = self._words | generic | lex.dates.words | lex.near_days
        self.declined_keys: set[tuple[str, ...]] = set()
        # Forms of a name of one word that are frequent words of a language ("linki" of De Link,
        # Polish "links"; "parku" of Park): the name only written as one, after "w", "do"
        # ("w Parku") or with a capital; else the word ("Czy są linki do zapisów?").
        self.ordinary_declined: set[tuple[str, ...]] = set()
        # Forms of a language that writes our names in another script, by their sound
        heard_forms: dict[str, set[str]] = defaultdict(set)
        for key, ids in list(self.keys.items()):
            last = key[-1]
            if len(key) > DECLINED_WORDS or len(last) < DECLINED_MIN or last in taken:
                continue
            if not last.isascii() or not last.isalpha():
                continue
            for cases in lex.name_cases.values():
                stem, forms = cases.forms(last)
                if len(key) > 1 and stem != last and not set(key[:-1]) & generic:
                    forms.add(stem)  # "Lange Munt" of "Lange Munte"
                for form in forms - taken:
                    declined = (*key[:-1], form)
                    if cases.heard:
                        heard_forms[heard("".join(declined))] |= ids
                        continue
                    if declined in self.keys:
                        continue
                    self.keys[declined] = set(ids)
                    self.declined_keys.add(declined)
                    if len(key) == 1 and form in lex.common_words:
                        self.ordinary_declined.add(declined)
                    if key in self.own_keys:
                        self.own_keys.add(declined)
                    if key in area_keys:
                        area_keys.add(declined)
        self._heard_forms = {k: v for k, v in heard_forms.items() if len(v) == 1}

    def _canonical_saints(self) -> None:
        """A saint's title in a name ("Sint-Anna", "Saint-Joseph") is said in any of its
        spellings ("St-Anna", "St. Anna", "Sankt Anna"): names with one are also known with
        "sint", the one spelling `find` reads every other in."""
        self.saintly = False
        for key, ids in list(self.keys.items()):
            if not any(w in self.lex.saints for w in key):
                continue
            self.saintly = True
            canon = tuple(SAINT if w in self.lex.saints else w for w in key)
            if canon == key or canon in self.keys:
                continue
            self.keys[canon] = set(ids)
            if key in self.own_keys:
                self.own_keys.add(canon)

    def _name_parts_said(self) -> None:
        """A part of a name, as another language writes it ("Mariakirche" of Mariakerke, "Sankt
        Kreuz" of Sint-Kruis: `name_parts`), names that centre too: inside a longer word or
        beside another word of the name, never a word of ours, nor another centre's name."""
        self.compound_keys: set[tuple[str, ...]] = set()  # "lighthouse quarter": as written
        for key, ids in list(self.keys.items()):
            for i, word in enumerate(key):
                for part, forms in self.lex.name_parts.items():
                    if part not in word or (len(word) <= len(part) and len(key) == 1):
                        continue
                    for form in forms:
                        if " " in form:
                            continue  # "deniz feneri": said apart, in a whole compound only
                        said = word.replace(part, form, 1)
                        variant = (*key[:i], said, *key[i + 1 :])
                        if variant in self.keys or said in self._words:
                            continue
                        self.keys[variant] = set(ids)
                        if key in self.own_keys:
                            self.own_keys.add(variant)
                for variant in self._compound_said(key, i, word):
                    if variant not in self.keys:
                        self.keys[variant] = set(ids)
                        self.compound_keys.add(variant)
                        if key in self.own_keys:
                            self.own_keys.add(variant)

    def _compound_said(self, key: tuple[str, ...], i: int, word: str) -> list[tuple[str, ...]]:
        """A word of a name made wholly of parts another language translates ("Vuurtorenwijk":
        "vuurtoren" + "wijk"), said in that language with every part translated: in one word
        ("Leuchtturmviertel"), apart as English writes it ("lighthouse quarter"), or its last
        part first as French or Arabic says it ("quartier du Phare", "حي المنارة": `name_heads`);
        never only words of ours ("mill brook" stays a mill and a brook)."""
        parts_of, heads = self.lex.name_parts, self.lex.name_heads
        parts = _split_into(word, parts_of.keys() | heads.keys())
        if len(parts) < 2 or not all(p in parts_of for p in parts[:-1]):
            return []
        sayings: list[tuple[str, ...]] = []
        if parts[-1] in parts_of:
            for forms in product(*(sorted(parts_of[p]) for p in parts)):
                apart = tuple(w for form in forms for w in form.split())
                sayings.append(apart)
                if len(apart) == len(forms):
                    sayings.append(("".join(forms),))
        for head in sorted(heads.get(parts[-1], ())):
            for forms in product(*(sorted(parts_of[p]) for p in parts[:-1])):
                sayings.append((*head, *(w for form in forms for w in form.split())))
        return [
            (*key[:i], *written, *key[i + 1 :])
            for written in sayings
            if not all(w in self._words for w in written)
            and len({bool(_ARABIC_LETTER.match(w)) for w in written}) == 1  # one script
        ]

    def _name_by_compass(self, area_keys: set[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
        """A name with a compass word is said with that word in every language, before or
        after the rest: "Zeist-West" is "Zeist-Ouest", "West Zeist", "Zeist Batı", "Zachodni
        Zeist". A compass word alone ("Oost") only where it is no other word ("est")."""
        by_direction: dict[str, list[str]] = defaultdict(list)
        for word, direction in self.lex.compass.items():
            by_direction[direction].append(word)
        said: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for key, ids in self.keys.items():
            at = [i for i, w in enumerate(key) if w in self.lex.compass]
            if len(at) != 1:
                continue
            i = at[0]
            rest = key[:i] + key[i + 1 :]
            for word in by_direction[self.lex.compass[key[i]]]:
                variants: list[tuple[str, ...]]
                if not rest:
                    variants = [(word,)] if word not in self._words else []
                else:
                    variants = [(*rest[:i], word, *rest[i:]), (word, *rest), (*rest, word)]
                for variant in variants:
                    if variant not in self.keys:
                        said[variant] |= ids
                        if key in area_keys:
                            area_keys.add(variant)
                        if key in self.own_keys:
                            self.own_keys.add(variant)
        for variant, ids in said.items():
            self.keys[variant] = ids
        return frozenset(said)

    def _name_the_town_centre(
        self, org: Organisation, lex: Lexicon, area_keys: set[tuple[str, ...]]
    ) -> None:
        """ "The one in the town centre", "şehir merkezindeki": the words for the town centre
        name the one centre whose district is it ("Centrum", "Leuven-centrum", "Binnenstad")."""
        town = [
            c.id
            for c in org.centres
            if words(c.district or "") and words(c.district or "")[-1] in lex.town_centre_districts
        ]
        if len(town) != 1:
            return
        self.town_centre = town[0]
        for key in lex.town_centre:
            if key and key not in self.keys:
                self.keys[key].add(town[0])
                area_keys.add(key)
                self.implied_keys.add(key)
        # "le centre de Ninove", "Ninove merkezde", "centre of Beekveld": the town's own name
        # (the organisation's, its district's beside "centrum", its address's) with a word
        # for its centre is the town centre too.
        centre = next(c for c in org.centres if c.id == town[0])
        generic = lex.centre_words | lex.stopwords | lex.centre_kinds.words
        where = (set(words(centre.district or "")) - lex.town_centre_districts) | {
            w for w in words(centre.address.split(",")[-1]) if not w.isdigit()
        }
        # The organisation's name says the town in several languages ("Ostende", "Ostend"),
        # after its first word; a word of one translation only ("merkezleri"), an opening
        # word ("Lokale dienstencentra") or a word of a language ("samen") is no name.
        said = Counter(w for n in org.name.values.values() for w in set(words(n)[1:]))
        known = set().union(*lex.vocabulary.values()) | lex.everyday
        spelled = self.town_aliases[town[0]]  # the town in another script ("Нінове")
        towns = {
            w
            for w in where
            | spelled
            | {w for w in self.city - known if said[w] > 1 or _like_any(w, where)}
            if w not in generic and len(w) > 2 and self.keys.get((w,), {town[0]}) == {town[0]}
        }
        for name in towns:
            for before, after in lex.town_centre_of:
                key = (*before, name, *after)
                if key not in self.keys:
                    self.keys[key].add(town[0])
                    area_keys.add(key)
                    self.town_of_keys.add(key)

    def _town_phrases(self, org: Organisation, lex: Lexicon) -> frozenset[tuple[str, ...]]:
        """ "in het centrum van Wilgendaal", "au centre-ville", "w centrum miasta": where no
        centre stands in the town centre's district, the words for the town centre say where
        the resident is, never one of ours named "Centrum" or "De Kern" (its own name does)."""
        if self.town_centre is not None:
            return frozenset()
        generic = lex.centre_words | lex.stopwords | lex.centre_kinds.words
        towns = set(self.city) | {
            w
            for c in org.centres
            for w in words(c.address.split(",")[-1])
            if not w.isdigit() and (w,) not in self.keys
        }
        phrases = {k for k in lex.town_centre if k}
        for name in towns - generic:
            for before, after in lex.town_centre_of:
                phrases.add((*before, name, *after))
        # A phrase that is a centre's own name ("Buurthuis Stadscentrum") still names it.
        return frozenset(k for k in phrases if k not in self.own_keys)

    def town_said(self, texts: Sequence[str]) -> set[int]:
        """The positions of words for the town centre that name none of our centres."""
        at: set[int] = set()
        for key in self.town_phrases:
            size = len(key)
            for i in range(len(texts) - size + 1):
                if tuple(texts[i : i + size]) == key:
                    at |= set(range(i, i + size))
        return at

    def find(
        self,
        texts: Sequence[str],
        raw: str,
        skip: Collection[int],
        titles: Collection[str] = (),
        outside: Collection[int] = (),
    ) -> CentreFind:
        """The centre(s) named by name, district, alias, typo, kind or postcode.

        Words in `titles` (of activities and desks) are never read as a typo of a centre's
        name: "uitstap naar Brugge" is no typo of "De Brug". Words at `outside` name a thing
        that is not ours: "office" in "the post office in Stene" is no word for our centre,
        "town" in "the town hall" names no centre called "Town centre".
        """
        if self.saintly:
            # "St-Anna", "Saint Anna", "Sankt Anna": the saint's title of a name, in one spelling
            texts = [
                SAINT if t in self.lex.saints and i + 1 < len(texts) else t
                for i, t in enumerate(texts)
            ]
        if self.town_phrases:
            skip = set(skip) | self.town_said(texts)
        # "je passe demain", "on passe samedi": a verb after its subject, written as a word,
        # is no centre named so ("De Passe"); "à De Passe" still names it.
        verbs = {
            i
            for i, t in enumerate(texts)
            if i > 0
            and texts[i - 1] in self.lex.subject_pronouns
            and (t,) in self.own_keys
            and not self._capitalised(raw, (t,))
        }
        if verbs:
            skip = set(skip) | verbs
        strong: list[tuple[set[str], set[int]]] = []
        weak: list[tuple[set[str], set[int]]] = []
        used: set[int] = set()
        loose = False
        own = False
        by_name = False  # a strong key that is a name, not a common word for the town centre
        n = len(texts)
        outside_at = set(outside)
        for size in range(min(self.max_len, n), 0, -1):
            for i in range(n - size + 1):
                span = set(range(i, i + size))
                if span & used or span & set(skip):
                    continue
                key = tuple(texts[i : i + size])
                key_ids = self.keys.get(key)
                if not key_ids or self._crossed(texts, i, size):
                    continue
                if key in self.ordinary_declined and not self._declined_name(texts, i, key, raw):
                    continue  # "Czy są linki do zapisów?": the word, no "Link" declined
                if key in self.weak:
                    if self._place_context(texts, i, key, raw):
                        if not self._capitalised(raw, key):
                            key_ids = key_ids - self.named_itself
                        if key_ids:
                            weak.append((key_ids, span))
                    elif self._bare_name(texts, i, key):
                        weak.append((key_ids, span))
                        loose = True
                    continue
                if span <= outside_at and {i - 1, i + size} & outside_at:
                    continue  # "the town hall": "town" inside it names no "Town centre"
                strong.append((key_ids, span))
                used |= span
                own = own or self._own(texts, i, key, outside)
                by_name = by_name or key not in self.implied_keys
        single = [k for k in self.weak if len(k) == 1]
        town = {self.town_centre} if self.town_centre else set()
        if not strong and (single or town) and not weak:
            # "im Zentrum", "in the centre": the generic word as a place means the one centre
            # named like it (Oostende's Centrum) or the one of the town centre's district
            # ("Binnenstad"); not one named like "Sociaal Huis".
            # A centre with a name of its own ("De Markt", district Centrum) is not "the
            # centre": "Чи є перукар у центрі?" asks about our centres, not the town's.
            weak_ids = (set().union(*(self.keys[k] for k in single)) | town) - self.named_itself
            # "що буде в центрах на Великдень?": the word in the plural is our centres, all
            plural_at = {
                k for m in self.lex.centre_kind_plurals.find(texts) for k in range(m.start, m.end)
            }
            for i, text in enumerate(texts):
                noun = text in self.lex.centre_nouns or text in self.lex.centre_nouns_located
                if i in skip or not noun or text in self.lex.stopwords:
                    continue
                if i in plural_at or text in self.lex.centre_plurals:
                    continue  # "in euren Zentren", "at the centres": all of them, not one
                # "Welches Zentrum ist am nächsten?": a capital after an article is no name.
                after_article = i > 0 and texts[i - 1] in self.lex.determiners
                if after_article and self._article_only(texts, i):
                    continue  # "is there a place where ...": some place, not one named so
                arabic = bool(_ARABIC_LETTER.match(text))
                if arabic and not _written_with(raw, text, _ARABIC_DEFINITE):
                    # "في مكان بيساعد ...؟": "is there a place that helps", an indefinite
                    # place; the centre is "المركز", with its article (the words are read
                    # without it, so it is looked for as written).
                    continue
                # "merkezde", "بالمركز": the word carries "in" itself.
                located = text in self.lex.centre_nouns_located or (
                    arabic and _written_with(raw, text, _ARABIC_IN)
                )
                if weak_ids and (
                    located
                    or self._place_context(texts, i, (text,), raw, capitals=not after_article)
                ):
                    weak.append((weak_ids, {i}))
        guessed = False  # named only by a typo-like likeness, not by a name as written
        if not strong:
            # Words of outside things ("Markt") and the city's name are words as written,
            # not typos of a centre's name ("Marke", "Zeebrugge").
            plain = {i for i, t in enumerate(texts) if t in titles or self.names_town(t)}
            fuzzy = self._fuzzy(texts, raw, used | set(skip) | plain | set(outside))
            for fuzzy_ids, span, is_weak in fuzzy:
                (weak if is_weak else strong).append((fuzzy_ids, span))
                used |= span
                by_name = by_name or not is_weak
            exact_weak = len(weak) - sum(1 for f in fuzzy if f[2])
            guessed = bool(fuzzy) and (bool(strong) or not exact_weak)
        strong = self._asked_over_told(texts, strong, outside)
        strong = self._names_over_words(texts, raw, strong)
        picked = strong or weak
        named = bool(picked)
        implied = named and not by_name
        loose = loose and not strong and len(weak) == 1
        ids: set[str] = set()
        for found_ids, span in picked:
            ids |= found_ids
            used |= span
        postcode = None
        for i, text in enumerate(texts):
            if i not in skip and text.isdigit() and len(text) == 4 and text[0] != "0":
                postcode = text
                used.add(i)
                if postcode in self.postcodes and (not ids or loose or guessed):
                    # "ik woon in 8400": every centre sharing that postcode is a candidate.
                    ids = set(self.postcodes[postcode])
                    named = loose = implied = guessed = False
                break
        if not ids:
            plural_at = {
                k for m in self.lex.centre_kind_plurals.find(texts) for k in range(m.start, m.end)
            }
            for m in self.lex.centre_kinds.find(texts):
                kind_ids = self.kinds.get(m.payload[0], set())
                if len(kind_ids) == 1 and plural_at & set(range(m.start, m.end)):
                    # "is er iets met Pasen in de dienstencentra?" where one centre is a
                    # dienstencentrum: the organisation's centres, not that one.
                    used |= set(range(m.start, m.end))
                    continue
                # A kind every centre shares tells nothing ("ontmoetingscentrum" in Oostende).
                if kind_ids and len(kind_ids) < len(self.all_ids):
                    ids |= kind_ids
                    used |= set(range(m.start, m.end))
        ordered = tuple(c for c in self.all_ids if c in ids)
        if len(ordered) == 1:
            return CentreFind(
                ordered[0], (), postcode, frozenset(used), named, loose, own, implied, guessed
            )
        return CentreFind(
            None, ordered, postcode, frozenset(used), named, own=own, implied=implied
        )

    def _asked_over_told(
        self,
        texts: Sequence[str],
        strong: list[tuple[set[str], set[int]]],
        outside: Collection[int],
    ) -> list[tuple[set[str], set[int]]]:
        """Of the centres named, the one asked about, where another is only where the resident
        lives or where an outside thing is ("is de Weverij open? ik woon in Bergen", "when is
        the coffee at Baken, my GP is in Oud-Zande"): a place after or before a word of living
        or of an outside thing with a small word between ("in", "w", "في", Turkish "'de") says
        where; the other is asked."""
        if len({frozenset(ids) for ids, _ in strong}) < 2:
            return strong
        lives = {k for m in self.lex.lives.find(texts) for k in range(m.start, m.end)}
        where = lives | set(outside)
        if not where:
            return strong
        prefixes = self.lex.place_prefixes.words
        glue = self.lex.stopwords | prefixes
        asked = [
            (ids, span) for ids, span in strong if not _placed(texts, span, where, glue, prefixes)
        ]
        return asked or strong

    def _names_over_words(
        self, texts: Sequence[str], raw: str, strong: list[tuple[set[str], set[int]]]
    ) -> list[tuple[set[str], set[int]]]:
        """Of several centres named, a frequent word of a language in small letters yields to a
        name written with a capital ("Je passe à De Link demain": the verb "passe" is no De
        Passe beside De Link); written all alike ("is marke of heule open"), all stay."""
        if len({frozenset(ids) for ids, _ in strong}) < 2:
            return strong
        capital = [self._capitalised(raw, (texts[min(span)],)) for _, span in strong]
        if not any(capital):
            return strong
        return [
            (ids, span)
            for (ids, span), big in zip(strong, capital, strict=True)
            if big or len(span) > 1 or texts[min(span)] not in self.lex.common_words
        ]

    def names_town(self, token: str) -> bool:
        """Whether a word is the organisation's town: its name in any language the data gives
        ("Courtrai", "Nimègue"), or in Cyrillic or Arabic letters as it sounds, with a case
        ending ("Неймегені", "نايميخن"): the whole organisation, never a typo of a centre."""
        if token in self.city:
            return True
        if token.isascii() or token in self._words:
            return False
        if _ARABIC_LETTER.match(token):
            skeleton = arabic_skeleton(token)
            return bool(skeleton) and any(
                skeleton == k or (skeleton[1:] == k and token[0] in _ARABIC_ONE_LETTER_IN)
                for k in self._city_skeletons
            )
        sound = heard(transliterate(token))
        return any(
            fuzz.ratio(sound, name) >= FUZZY_CUTOFF and len(sound) - len(name) <= TOWN_CASE_ENDING
            for name in self._city_sounds
        )

    def _crossed(self, texts: Sequence[str], i: int, size: int) -> bool:
        """Whether a name starts inside the words at `i` and runs past them, after generic
        words only: "le centre de Zeist-Ouest", "centrum Zeist-Zachód" name Zeist-West, not
        the centre of Zeist."""
        end = i + size
        return any(
            tuple(texts[j:k]) in self.keys
            for j in range(i + 1, end)
            if all(w in self.generic for w in texts[i:j])
            for k in range(end + 1, min(len(texts), j + self.max_len) + 1)
        )

    def _own(
        self, texts: Sequence[str], i: int, key: tuple[str, ...], outside: Collection[int] = ()
    ) -> bool:
        """Whether a name at `i` names the building: its own name, or an area's name near a
        word for our centres ("OC Stene", "het buurthuis Molenwijk", "biuro w Meersen")."""
        if key in self.own_keys:
            return True
        # Small words may stand between the noun and the area: "het buurtwerk aan de Vaartkant",
        # "the office in Meersen", "المركز ديال Meersen", "Meersen'deki mahalle merkezi".
        small = self.lex.stopwords | self.lex.place_prefixes.words | self.lex.centre_words
        for step, stop in ((-1, -1), (1, len(texts))):
            j = i - 1 if step < 0 else i + len(key)
            for _ in range(OWN_REACH):
                if j == stop or j in outside:
                    break
                if texts[j] in self.lex.centre_nouns:
                    # "Ziraat Bankası şubesi Dorne'de", "the branch of my bank in Dorne": a word
                    # for a branch or office tied to an outside thing is that thing's.
                    return not self.tied(texts, j, outside)
                # After the name: a short ending written apart ("Meersen'deki") too.
                if texts[j] not in small and not (step > 0 and len(texts[j]) <= 4):
                    break
                j += step
        return False

    def tied(self, texts: Sequence[str], j: int, outside: Collection[int]) -> bool:
        """Whether the centre word at `j` stands beside an outside thing, with only small
        words between ("oddział banku", "la succursale de ma banque"): it is that thing's."""
        small = self.lex.stopwords | self.lex.place_prefixes.words
        return bool(outside) and reaches(texts, [(j, j + 1)], outside, small, OWN_REACH - 1)

    def _article_only(self, texts: Sequence[str], i: int) -> bool:
        """Whether the only place word before `i` is an article that is also one ("a" is the
        English article and the French "à" unaccented): "a place" is no place named."""
        return not any(
            m.end == i and m.end - m.start > 1
            for m in self.lex.place_prefixes.find(texts[:i], longest=False)
        )

    def _bare_name(self, texts: Sequence[str], i: int, key: tuple[str, ...]) -> bool:
        """ "is centrum open", "centrum open morgen?": a generic word with no article or
        question word before it is the name of the centre called like it."""
        if len(key) != 1:
            return False
        return i == 0 or texts[i - 1] not in self.lex.determiners

    def _name_with_ending(self, texts: Sequence[str], i: int, raw: str) -> bool:
        """Whether a frequent word is a name of ours of one word with an ending, written as the
        name ("w Parku" of 't Park, where "parku" is also the park's): see `_declined_name`."""
        token = texts[i]
        return any(
            token.startswith(name) and 0 < len(token) - len(name) <= SHORT_ENDING
            for name in self._choices
        ) and self._declined_name(texts, i, (token,), raw)

    def _declined_name(self, texts: Sequence[str], i: int, key: tuple[str, ...], raw: str) -> bool:
        """Whether a declined form that is also a frequent word is written as the name: right
        after a word for "in" or "to" ("w Parku", "do Linku"), or with a capital."""
        after_prefix = i > 0 and texts[i - 1] in self.lex.place_prefixes.words
        return after_prefix or self._capitalised(raw, key)

    def _capitalised(self, raw: str, key: tuple[str, ...]) -> bool:
        """Whether a one-word key is written with a capital after the first word, as a name
        ("in het Centrum"), not as the word ("in het centrum")."""
        return any(
            j > 0 and word.group()[0].isupper() and words(word.group()) == key
            for j, word in enumerate(RAW_WORD.finditer(raw))
        )

    def _place_context(
        self, texts: Sequence[str], i: int, key: tuple[str, ...], raw: str, capitals: bool = True
    ) -> bool:
        """Whether a generic word ("centrum", "Zentrum") is used as the place's name."""
        for m in self.lex.place_prefixes.find(texts[:i], longest=False):
            if m.end == i:
                return True
        if not capitals:
            return False
        for j, word in enumerate(RAW_WORD.finditer(raw)):
            if j > 0 and word.group()[0].isupper() and words(word.group()) == key:
                return True
        return False

    def _fuzzy(
        self, texts: Sequence[str], raw: str, skip: Collection[int]
    ) -> list[tuple[set[str], set[int], bool]]:
        found: list[tuple[set[str], set[int], bool]] = []
        taken: set[int] = set()
        for size in (2, 1):
            for i in range(len(texts) - size + 1):
                span = set(range(i, i + size))
                if span & taken or span & set(skip):
                    continue
                part = texts[i : i + size]
                spelled = self._spelled_apart(part) if size > 1 else None
                if spelled:
                    # "أود زانده" spells Oud-Zande word by word, though "أود" is "I would like".
                    found.append((spelled, span, False))
                    taken |= span
                    continue
                # A saint's title is a general word, but begins a name ("Sint-Ana" of Sint-Anna).
                saint = size > 1 and self.saintly and part[0] == SAINT
                general_at = [
                    j
                    for j, w in enumerate(part)
                    if (w in self.lex.general or w.isdigit()) and not (saint and j == 0)
                ]
                # An everyday word of a name of ours, written as the name has it, with the rest
                # misspelt ("Lange Munt" of Lange Munte): only that name's centre.
                anchored = self._anchored(part, general_at) if general_at else None
                if general_at and not anchored:
                    continue
                query = "".join(part)
                if (
                    size > 1
                    and _ARABIC_LETTER.match(query)
                    and any(w in self._words for w in part)
                ):
                    continue  # "وما بعرف" ("and I don't know") spells no name with its known word
                cyrillic = _cyrillic(query)
                if len(query) < SHORT_NAME:
                    # A short name only as written: "Еке" is Eke, in Latin letters.
                    sound = heard(transliterate(query)) if cyrillic else ""
                    if sound in self._sounds and query not in self._words:
                        found.append((set(self._sounds[sound]), span, False))
                        taken |= span
                    continue
                after = texts[i + size] if i + size < len(texts) else ""
                # "passed", "الجيران" (the neighbours), "стане": a frequent word of a language
                # is that word; only a name it spells as the name is spelt or heard names ours.
                ordinary = (
                    size == 1
                    and query in self.lex.common_words
                    and not self._name_with_ending(texts, i, raw)
                )
                ids = self._best(query, after, ordinary)
                if ids is None and cyrillic:
                    ids = self._by_latin(transliterate(query), ordinary)
                if ids is None and size == 1:
                    ids = self._by_pattern(texts, i)
                if ids and anchored is not None and not ids[0] <= anchored:
                    continue
                if ids:
                    if size == 1 and part[0] in self.lex.centre_words:
                        continue  # the generic word itself is no typo of "Centrum"
                    found.append((ids[0], span, ids[1]))
                    taken |= span
        if not found:
            for i, text in enumerate(texts):
                inside = None if i in skip else self._run_together(text)
                if inside:
                    found.append((inside, {i}, False))
        return found

    def _anchored(self, part: Sequence[str], general_at: Sequence[int]) -> set[str]:
        """The centres of the names as long as `part` that have its everyday words where it
        has them, and another word besides ("lange" of "Lange Munte"); none for digits."""
        if len(general_at) == len(part) or any(part[j].isdigit() for j in general_at):
            return set()
        ids: set[str] = set()
        for key in self._multi_word_keys:
            if len(key) == len(part) and all(key[j] == part[j] for j in general_at):
                ids |= self.keys[key]
        return ids

    def _run_together(self, token: str) -> set[str] | None:
        """The centre whose name starts or ends a longer word, as speech recognition writes
        words that ran together ("steneopen", "smannhazegras"); generic names do not count.
        A name starts one only before a word we know ("open"): "Bellewaerde", "Heulebrug" are
        names of other places that merely start like ours ("Belle", "Heule")."""
        hits: set[str] = set()
        # Each beginning and end of the word long enough for a name, looked up among the names.
        for size in range(RUN_TOGETHER_NAME, len(token) - RUN_TOGETHER_REST + 1):
            start, end = token[:size], token[-size:]
            if start in self._inside_choices and token[size:] in self._after_name:
                hits |= self.fuzzy_choices[start]
            # "Weihnachtsmarkt" ends in De Markt's name, but a compound ending in a word
            # of a thing in town (a market) is that thing, not our centre.
            if end in self._inside_choices and not self.lex.foreign.lookup_word(end):
                hits |= self.fuzzy_choices[end]
        return hits if len(hits) == 1 else None

    def _by_skeleton(self, query: str, ordinary: bool = False) -> tuple[set[str], bool] | None:
        """The centre a name in Arabic letters sounds like ("بليريك" is Blerick), if one; an
        `ordinary` word only by the very consonants of a name ("الجيران" is no "خرايدن")."""
        if not _ARABIC_LETTER.match(query) or query in self._words:
            return None
        skeleton = arabic_skeleton(query)
        if len(skeleton) < SKELETON_MIN:
            return None
        if skeleton in self._skeletons:
            return set(self._skeletons[skeleton]), False
        if ordinary:
            return None
        hits = process.extract(
            skeleton,
            self._skeleton_choices,
            scorer=fuzz.ratio,
            limit=2,
            score_cutoff=SKELETON_FUZZY,
        )
        if not hits or (len(hits) > 1 and hits[0][1] - hits[1][1] < FUZZY_MARGIN):
            return None
        return set(self._skeletons[hits[0][0]]), False

    def _by_sound(self, query: str, ordinary: bool = False) -> tuple[set[str], bool] | None:
        """The centre a Cyrillic name sounds like ("Молєнвік" is Molenwiek), if one; an
        `ordinary` word only if it sounds just like a name ("стане" is no Stene)."""
        hits = process.extract(
            heard(query), self._sound_choices, scorer=fuzz.ratio, limit=4,
            score_cutoff=EXACT if ordinary else FUZZY_CUTOFF,
        )  # fmt: skip
        if not hits:
            return None
        best_ids = self._sounds[hits[0][0]]
        for choice, score, _ in hits[1:]:
            if self._sounds[choice] != best_ids and hits[0][1] - score < FUZZY_MARGIN:
                return None
        return set(best_ids), False

    def _by_pattern(self, texts: Sequence[str], i: int) -> tuple[set[str], bool] | None:
        """The centre with a short name an Arabic word spells with its vowels ("اينامه" is
        Ename); a name of one consonant only where a place is said ("فاينه", "مركز اينه")."""
        token = texts[i]
        if not _ARABIC_LETTER.match(token) or token in self._words or len(token) < 4:
            return None
        places = self.lex.centre_nouns | self.lex.place_prefixes.words
        after_centre = i > 0 and texts[i - 1] in places
        options = [(token, after_centre)]
        if token[0] in _ARABIC_ONE_LETTER_IN and token[1:] not in self._words:
            options.append((token[1:], True))
        for option, placed in options:
            pattern = arabic_pattern(option)
            consonants = sum(1 for c in pattern if c != "V")
            if pattern in self._patterns and (consonants >= 2 or placed):
                return set(self._patterns[pattern]), False
        return None

    def _longer_name(self, query: str, name: str) -> bool:
        """Whether `query` is `name` and more that is no ending or word of ours ("Overleiedal"
        of "Overleie"): another name that starts like ours, no typo of it."""
        rest = query[len(name) :]
        return (
            query.startswith(name)
            and len(rest) >= RUN_TOGETHER_REST
            and rest not in self._after_name
        )

    def _named_after(self, query: str, name: str) -> bool:
        """Whether `name` is `query` and a last part of street or area names ("Zuiderpark"
        of "Zuiderparklaan"): the thing the street is named after, no typo of its name."""
        return name.startswith(query) and name[len(query) :] in self.lex.street_heads

    def _spelled_apart(self, part: Sequence[str]) -> set[str] | None:
        """The centre of a name of several words that Arabic words spell word by word, each by
        the consonants of the name's word in its place ("أود زانده" of Oud-Zande), with enough
        consonants in all to tell it apart; none where two names are spelled so."""
        if not all(_ARABIC_LETTER.match(w) for w in part):
            return None
        heard_words = [arabic_skeleton(w) for w in part]
        if not all(heard_words) or len("".join(heard_words)) < TITLE_SKELETON_MIN:
            return None
        ids: set[str] = set()
        for key in self._multi_word_keys:
            if len(key) == len(part) and all(
                latin_skeleton(w) == k for w, k in zip(key, heard_words, strict=True)
            ):
                ids |= self.keys[key]
        return ids if len(ids) == 1 else None

    def names_part(self, token: str) -> bool:
        """Whether an Arabic word sounds like one word of a name of ours of several words
        ("لانخه" of Lange Munte): part of that name, no typo of a word of ours."""
        if not _ARABIC_LETTER.match(token):
            return False
        return arabic_skeleton(token) in self._part_skeletons

    def closest(self, token: str) -> set[str] | None:
        """The centres whose name this word is close to, if any: in Cyrillic letters, the
        centre whose name it sounds like, with a case ending ("Вольвенгуку" of Wolvenhoek)."""
        found = self._best(token)
        if found is None and len(token) >= SHORT_NAME and _cyrillic(token):
            found = self._by_latin(transliterate(token))
        return found[0] if found else None

    def _by_latin(self, latin: str, ordinary: bool = False) -> tuple[set[str], bool] | None:
        """The centre a Cyrillic word in Latin letters names: a declined form of a name as
        heard ("kimom" of Kiem: `name_cases`), else the name it is or sounds closest to."""
        declined = self._heard_forms.get(heard(latin))
        if declined:
            return set(declined), False
        return self._best(latin, ordinary=ordinary) or self._by_sound(latin, ordinary)

    def _best(
        self, query: str, after: str = "", ordinary: bool = False
    ) -> tuple[set[str], bool] | None:
        """The centres of the closest name, and whether that name is a generic word; `after`
        is the word written next ("vuurtoren wijk" is Vuurtorenwijk written apart). An
        `ordinary` word (a frequent word of a language: "passed", "leden", "links") names one
        only spelt as the name is ("terlede"), never as a likeness ("De Passe", "Ter Lede")."""
        joined = query + after
        if ordinary and joined in self.fuzzy_choices:
            # "vuurtoren wijk": the name written apart, its first part a word of its own
            return set(self.fuzzy_choices[joined]), joined in self._weak_choices
        hits = process.extract(
            query,
            self._choices,
            scorer=fuzz.ratio,
            limit=4,
            score_cutoff=EXACT if ordinary else FUZZY_CUTOFF,
        )
        if not hits:
            return self._by_skeleton(query, ordinary)
        name = hits[0][0]
        if self._longer_name(query, name) or (
            self._named_after(query, name) and name[len(query) :] != after
        ):
            return None
        best_ids = self.fuzzy_choices[hits[0][0]]
        for choice, score, _ in hits[1:]:
            if self.fuzzy_choices[choice] != best_ids and hits[0][1] - score < FUZZY_MARGIN:
                return None
        return set(best_ids), hits[0][0] in self._weak_choices


@dataclass
class ItemScores:
    """How well each activity or desk fits the words of a message."""

    scores: dict[str, float] = field(default_factory=dict)
    concepts: set[str] = field(default_factory=set)
    used: set[int] = field(default_factory=set)
    positions: dict[str, set[int]] = field(default_factory=dict)  # words that named each item
    titled: set[str] = field(default_factory=set)  # items named by a word of their title
    whole: set[str] = field(default_factory=set)  # items named by their whole one-word title
    phrased: set[str] = field(default_factory=set)  # items named by a phrase of their title
    # The first of two words said for one title word ("kerst markt" of "Kerstmarktje")
    joined: set[int] = field(default_factory=set)
    # Words said in another form of a title word, no longer than it by more than an ending
    # ("ярмарку" of "ярмарок", "kerstmarkt" of "kerstmarktje"): the title word by position.
    forms: dict[int, str] = field(default_factory=dict)
    title_positions: dict[str, set[int]] = field(default_factory=dict)  # by their title words
    # Words naming each item as said: its title, or a concept it has ("fiets" is cycling, which
    # no walking club has, though both are sport).
    direct_positions: dict[str, set[int]] = field(default_factory=dict)
    # Of those, the words naming each item only through a concept its description names: weak
    # evidence, which never outweighs an outside thing the message names ("a bike shop" is no
    # repair café that mends bikes).
    described_positions: dict[str, set[int]] = field(default_factory=dict)

    @property
    def best(self) -> float:
        """The score of the best-fitting item."""
        return max(self.scores.values(), default=0.0)

    def named_by_words(self, minimum: float, count: int = 2) -> bool:
        """Whether an item scoring `minimum` is named by `count` words or more of the message
        ("uitstap naar Brugge"), not by one word that may mean something else ("Club Brugge"),
        or by its whole title when that is one word ("Sjoelen", "Kerstbrunch")."""
        return any(
            len(self.direct_positions.get(k, set()) - self.described_positions.get(k, set()))
            >= count
            or k in self.whole
            for k, v in self.scores.items()
            if v >= minimum
        )


def _audience(titles: dict[str, str], lex: Lexicon) -> set[str]:
    """The words of an item's titles that only say who it is for: after "for", "voor", "dla"
    (or "ل" written onto the word, in Arabic), before Turkish "için"; not when another of its
    titles uses the word for what the item is ("Seniors' afternoon")."""
    audience: set[str] = set()
    other: set[str] = set()
    for lang, title in titles.items():
        title_words = words(title)
        before = lex.audience.get(lang, set())
        after = lex.audience_after.get(lang, set())
        glued = {p for p in before if len(p) <= 2} if lang == "ar" else set()
        known = lex.concepts[lang].words if glued and lang in lex.concepts else set()
        found: set[str] = set()
        for k, w in enumerate(title_words):
            if w in before:
                found.update(title_words[k + 1 :])
            elif any(w.startswith(p) and w[len(p) :] in known for p in glued):
                found.update(title_words[k:])
            elif w in after and k > 0:
                found.add(title_words[k - 1])
        audience |= found
        other |= set(title_words) - found
    return audience - other


def _same_form(said: str, title: str) -> bool:
    """Whether a word of a message is a title word in another form ("pomocy" of "pomoc")."""
    if said == title:
        return True
    shorter = min(len(said), len(title))
    return shorter >= PAIR_STEM and shared_prefix(said, title) >= max(
        PAIR_STEM, shorter - PAIR_SLACK
    )


def _ending(rest: str) -> bool:
    """Whether the letters after a short title word can be a grammatical ending."""
    return 0 < len(rest) <= SHORT_ENDING and (rest[0] in "aeiouy" or rest in _CONSONANT_ENDINGS)


class ItemIndex:
    """Activities or desks by the words of their titles (every translation) and their kinds."""

    def __init__(
        self,
        items: Iterable[tuple[str, dict[str, str], tuple[str, ...], tuple[str, ...]]],
        lex: Lexicon,
    ) -> None:
        self.lex = lex
        self.centres: dict[str, tuple[str, ...]] = {}
        self.concepts: dict[str, set[str]] = {}
        self.declared: dict[str, set[str]] = {}  # concepts of the item's own kinds
        # Its kinds and the concepts whole words of its titles name ("Neighbourhood breakfast"),
        # not those of a part of a longer word ("Seniorennachmittag" is no lunch).
        self.kinds_named: dict[str, set[str]] = {}
        self.tokens: dict[str, set[str]] = defaultdict(set)
        self.whole: dict[str, set[str]] = defaultdict(set)  # one-word titles: the item's name
        # Per item, title words that only say who it is for ("seniors" of "Doctor's
        # consultation for seniors"), in none of its titles a word of what it is.
        self.audience: dict[str, set[str]] = {}
        self.order: list[str] = []
        # Two title words that name the item together though one alone names nothing ("first
        # aid", "erste Hilfe", "pierwszej pomocy": everyday words each, or words of our phrases).
        self.pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
        # Every two title words said one after the other ("Telefoon café", "telefon kafesi"),
        # a kind among them or not: said so, they are the title's words (`said_whole`).
        self.bigrams: set[tuple[str, str]] = set()
        spelled: set[str] = set()  # title words of languages residents spell in Cyrillic
        self.single: set[str] = set()  # title words as written, not two of them run together
        # Each item's titles word by word, stopwords left out ("Klaverjassen", "chair yoga").
        self.title_sequences: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for item_id, titles, kinds, centres in items:
            self.order.append(item_id)
            self.centres[item_id] = centres
            self.audience[item_id] = _audience(titles, lex)
            concepts = set(kinds)
            for lang, title in titles.items():
                title_words = words(title)
                self.title_sequences[item_id].add(
                    tuple(w for w in title_words if w not in lex.stopwords)
                )
                concepts |= _title_concepts(title_words, lang, lex)
                if len(title_words) == 1 and len(title_words[0]) >= 5:
                    self.whole[title_words[0]].add(item_id)
                for w in title_words:
                    if len(w) >= 3 and not w.isdigit() and w not in lex.general:
                        self.tokens[w].add(item_id)
                        self.single.add(w)
                        if lang not in _SLAVIC:
                            spelled.add(w)
                # Two title words written as one ("sociaalloket" for "Sociaal loket").
                for first, second in pairwise(title_words):
                    if min(len(first), len(second)) >= 3 and not {first, second} & lex.stopwords:
                        self.tokens[first + second].add(item_id)
                        if self._phrase(first, second, lang, lex):
                            self.pairs[(first, second)].add(item_id)
                        self.bigrams.add((first, second))
            self.concepts[item_id] = expand(concepts, lex)
            self.declared[item_id] = expand(kinds, lex)
            whole = set(kinds)
            for lang, title in titles.items():
                whole |= _whole_word_concepts(title, lang, lex)
            self.kinds_named[item_id] = expand(whole, lex)
        total = max(len(self.order), 1)
        self.token_weight = {t: _idf(len(ids), total) for t, ids in self.tokens.items()}
        self.pair_weight = {p: _idf(len(ids), total) for p, ids in self.pairs.items()}
        self._pairs_by_head: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for first, second in self.pairs:
            self._pairs_by_head[(first[:2], second[:2])].append((first, second))
        self._bigrams_by_head: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for first, second in self.bigrams:
            self._bigrams_by_head[(first[:2], second[:2])].append((first, second))
        # Concepts an item has only through its description (`add_described`).
        self.described: dict[str, set[str]] = {}
        # The broader concepts those imply, each with the described ones that imply it: they
        # count only beside a narrower one the message says ("naaien" is sewing, so crafts,
        # which the sewing group's description implies; "sport" alone is no repair café that
        # mends bikes).
        self.implied: dict[str, dict[str, set[str]]] = {}
        self.concept_weight: dict[str, float] = {}
        self.reweigh()
        self.stems: dict[str, list[str]] = defaultdict(list)
        for t in self.tokens:
            if len(t) >= STEM:
                self.stems[t[:STEM]].append(t)
        self._choices = [t for t in self.tokens if len(t) >= 5]
        # "стоелгім" is the Dutch "Stoelgym" in Ukrainian letters; a Polish title word is no
        # Ukrainian word transliterated ("послуги", services, is no "obsługi").
        self._spelled_choices = [t for t in self._choices if t in spelled]
        # "تالكافيه", "الميداخمال": a Dutch title word written in Arabic letters, by the
        # consonants heard (as centres' names are); a skeleton two title words share names
        # neither.
        skeletons: dict[str, set[str]] = defaultdict(set)
        for t in self._choices:
            if t.isascii():
                skeletons[latin_skeleton(t)].add(t)
        self._skeletons = {
            k: next(iter(v))
            for k, v in skeletons.items()
            if len(k) >= TITLE_SKELETON_MIN and len(v) == 1
        }
        # Title words of the other index (desks for activities, and the reverse): such a word
        # names that item, and is neither a typo of one of ours nor another form of it
        # ("Seniorenbal" is the ball, not "Senioren" or "Seniorenwijzer" of a desk's title);
        # it may still be the first part of one of ours ("senioren" of "Seniorennamiddag").
        self.elsewhere: frozenset[str] = frozenset()

    @staticmethod
    def _phrase(first: str, second: str, lang: str, lex: Lexicon) -> bool:
        """Whether two title words are a phrase that names the item where a word of it alone
        may not ("First aid": "first" is an everyday word, "aid" a word of our phrases; "першу
        допомогу" is no form of "першої допомоги" word by word); not a kind the lexicon knows
        beside anything but a time of day ("Samen eten" is a meal, found by its kind;
        "Christmas afternoon" is a name), nor two times of day ("öğleden sonra"), nor a phrase
        the lexicon reads ("Kawa bez zapisów": without signing up; "عيد ميلاد", Christmas)."""
        if first.isdigit() or second.isdigit():
            return False
        plain = lex.day_words.words | lex.stopwords
        if first in plain and second in plain:
            return False
        pair = (first, second)
        said_as = (*lex.intents.find(pair), *lex.walk_in.find(pair), *lex.dates.find(pair))
        if any(m.end - m.start == 2 for m in said_as):
            return False  # a phrase of ours ("Kawa bez zapisów": without signing up; "عيد ميلاد")
        if any(j - i == 2 for _, i, j in concept_spans(pair, lang, lex)):
            return False  # a kind's own phrase ("Day trip to Ghent"): found by its kind

        # A word for the event's form may be a kind too ("meeting"): "Neighbourhood meeting".
        # A kind beside a time of day names the item ("Christmas afternoon", "Noel öğleden
        # sonrası"); beside another word it is found by its kind ("Samen eten").
        said = [w for w in (first, second) if w not in lex.formats]
        kinds = [w for w in said if w not in plain and concepts_in((w,), lang, lex)]
        others = [w for w in said if w not in kinds]
        return not kinds or (bool(others) and all(w in lex.dates.words for w in others))

    def pair_hits(
        self, texts: Sequence[str], skip: Collection[int] = ()
    ) -> list[tuple[int, tuple[str, str]]]:
        """(first position, title pair) for each two words of the message said as a title's
        phrase, in any form ("першу допомогу" of "Лекція з першої допомоги")."""
        hits = []
        for i in range(len(texts) - 1):
            if i in skip or i + 1 in skip:
                continue
            a, b = texts[i], texts[i + 1]
            for first, second in self._pairs_by_head.get((a[:2], b[:2]), ()):
                if _same_form(a, first) and _same_form(b, second):
                    hits.append((i, (first, second)))
        return hits

    def said_whole(self, texts: Sequence[str]) -> set[int]:
        """Positions of two words of the message said as two words of a title, one after
        the other, in any form ("Telefoon-café", "kawiarenka telefoniczna"): there a word with
        another reading of its own ("telefoon", a number asked) is the title's."""
        return {
            k
            for i in range(len(texts) - 1)
            for first, second in self._bigrams_by_head.get((texts[i][:2], texts[i + 1][:2]), ())
            if _same_form(texts[i], first) and _same_form(texts[i + 1], second)
            for k in (i, i + 1)
        }

    def reweigh(self) -> None:
        """Weigh each concept by how rare it is among these items."""
        total = max(len(self.order), 1)
        concept_count: dict[str, int] = defaultdict(int)
        for concepts in self.concepts.values():
            for c in concepts:
                concept_count[c] += 1
        self.concept_weight = {c: _idf(k, total) for c, k in concept_count.items()}

    def score(
        self,
        texts: Sequence[str],
        concepts: set[str],
        skip: Collection[int],
        concepts_at: dict[int, set[str]] | None = None,
        direct_at: dict[int, set[str]] | None = None,
        phrased_at: dict[int, set[str]] | None = None,
        dated: Collection[int] = (),
    ) -> ItemScores:
        """Score every item against the message's words and the concepts it names.

        Words at `dated` say a date, and name no item alone; a title's phrase said whole still
        names it ("the Christmas afternoon", "Noel öğleden sonrası").

        A word inside a phrase of several words naming a concept (`phrased_at`: "annemin
        bakımını yapıyorum" is caring for someone) is no title word of an item without that
        concept ("Ayak bakımı" of the pedicure).

        A title word that names a concept the item has counts half next to that concept
        ("online" is not twice "digital"). Concepts an item only has through its title
        ("Doctor's consultation for seniors") count half of those of its declared kinds.
        """
        result = ItemScores(concepts={c for c in concepts if c in self.concept_weight})
        scores: dict[str, float] = defaultdict(float)
        positions: dict[str, set[int]] = defaultdict(set)
        title_positions: dict[str, set[int]] = defaultdict(set)
        concepts_at = concepts_at or {}
        said_concepts = set().union(*direct_at.values()) if direct_at is not None else concepts
        # A title word written apart names it as one word, its day part too ("Spiele Nachmittag").
        split = self.split_compounds(texts, set(skip) - set(dated))
        result.joined = set(split)
        apart = {k for i in split for k in (i, i + 1)}
        units: list[tuple[tuple[int, ...], str]] = [
            ((i,), t) for i, t in enumerate(texts) if i not in apart
        ]
        units += [((i, i + 1), texts[i] + texts[i + 1]) for i in split]
        for at, text in units:
            i = at[0]
            if len(at) == 1 and (i in skip or text in self.lex.general or text.isdigit()):
                continue
            if len(text) < 3:
                continue
            hit = self._title_word(text)
            if hit is None:
                continue
            result.used.update(at)
            if len(at) == 1 and hit != text and abs(len(hit) - len(text)) <= STEM_SLACK:
                result.forms[i] = hit
            named = concepts_at.get(i, set())
            # Only the head of a longer word ("senioren" of "Seniorenbal"): the word names a
            # thing of its own, which an item titled by the whole word fits better.
            part = PART if len(text) - len(hit) > STEM_SLACK else 1.0
            phrased = (phrased_at or {}).get(i)
            for item_id in self.tokens[hit]:
                if phrased and not phrased & self.concepts[item_id]:
                    continue
                half = bool(named & self.concepts[item_id])
                # "seniors" of "Doctor's consultation for seniors" says who it is for: an item
                # that is about seniors (the seniors' desk) fits the word better.
                audience = AUDIENCE if hit in self.audience[item_id] else 1.0
                share = (0.5 if half else 1.0) * audience
                scores[item_id] += self.token_weight[hit] * share * part
                positions[item_id].update(at)
                title_positions[item_id].update(at)
                result.titled.add(item_id)
                # Only the title itself (or with an ending): "kerstboom" is no "Kerstbrunch".
                exact = text.startswith(hit) and len(text) - len(hit) <= 2
                if exact and item_id in self.whole.get(hit, ()):
                    result.whole.add(item_id)
        # A title's phrase said whole ("when is the first aid talk?"): each of its words not
        # already a title word of that item counts as one, as rare as the phrase.
        for i, pair in self.pair_hits(texts, set(skip) - set(dated)):
            for item_id in self.pairs[pair]:
                new = {i, i + 1} - title_positions[item_id]
                if not new:
                    continue
                scores[item_id] += self.pair_weight[pair] * len(new)
                positions[item_id] |= new
                title_positions[item_id] |= new
                result.titled.add(item_id)
                result.phrased.add(item_id)
                result.used |= new
        for item_id, item_concepts in self.concepts.items():
            declared = self.declared[item_id]
            for c in result.concepts & item_concepts:
                scores[item_id] += self.concept_weight[c] * (1.0 if c in declared else 0.5)
            for c, narrower in self.implied.get(item_id, {}).items():
                if c in concepts and narrower & said_concepts:
                    scores[item_id] += self.concept_weight.get(c, 1.0) * 0.5
            if item_id in scores:
                positions[item_id].update(
                    k for k, named in concepts_at.items() if named & item_concepts
                )
        result.scores = dict(scores)
        result.positions = dict(positions)
        result.title_positions = dict(title_positions)
        said = concepts_at if direct_at is None else direct_at
        result.direct_positions = {
            k: title_positions.get(k, set())
            | {i for i, named in said.items() if named & self.concepts[k]}
            for k in scores
        }
        result.described_positions = {
            k: {
                i
                for i, named in said.items()
                if named & self.concepts[k]
                and named & self.concepts[k] <= self.described[k]
                and i not in title_positions.get(k, set())
            }
            for k in scores
            if k in self.described
        }
        return result

    def split_compounds(self, texts: Sequence[str], skip: Collection[int]) -> list[int]:
        """First positions of two words of a message that are one title word of ours written
        apart ("kerst markt" of "Kerstmarktje", "Spiele Nachmittag", "koffie kletsje"): the
        first word begins the title word, the second goes on with the rest of it, and the two
        joined are it or a form of it. Not two title words run together ("après midi" of
        "Après-midi jeux"), nor a word beginning the rest only ("Fahrrad kaufen" is no
        "Fahrradkurs")."""
        found: list[int] = []
        for i in range(len(texts) - 1):
            first, second = texts[i], texts[i + 1]
            if {i, i + 1} & set(skip) or (found and found[-1] == i - 1):
                continue
            if min(len(first), len(second)) < SPLIT_PART or not first.isalpha():
                continue
            if not second.isalpha() or {first, second} & self.lex.stopwords:
                continue
            joined = first + second
            hit = joined if joined in self.single else self._stem_form(joined)
            if (
                hit is not None
                and hit in self.single
                and len(hit) > len(first) + STEM_SLACK
                and hit.startswith(first)
                and shared_prefix(hit, joined) - len(first) >= min(SPLIT_PART, len(second))
            ):
                found.append(i)
        return found

    def _stem_form(self, text: str) -> str | None:
        """The title word `text` is a form of, by their shared beginning ("kerstmarkt" of
        "kerstmarktje"), if any."""
        for t in self.stems.get(text[:STEM], ()):
            common = shared_prefix(t, text)
            if common >= max(STEM, min(len(t), len(text)) - STEM_SLACK):
                return t
        return None

    def title_word(self, text: str) -> str | None:
        """The title word of ours a message's word is (itself, a form or a typo of it)."""
        return self._title_word(text)

    def _outside_tail(self, text: str, common: int) -> bool:
        """Whether a word goes on past the part it shares with a title word into a word of an
        outside thing ("Marine|museum" beside "marins"): a compound naming that thing, no form
        of the title word."""
        return any(
            self.lex.foreign.lookup_word(text[j:])
            for j in range(common, len(text) - OUTSIDE_TAIL + 1)
        )

    def _title_word(self, text: str) -> str | None:
        if text in self.tokens:
            return text
        if text in self.lex.vehicles.words:
            # "автобуси" is the town's buses, no form of "Автобусна поїздка" (a coach trip):
            # a vehicle names a title only as the title's own word.
            return None
        elsewhere = text in self.elsewhere
        if len(text) >= STEM:
            for t in self.stems.get(text[:STEM], ()):
                if elsewhere and not t.startswith(text):
                    continue
                shorter = min(len(t), len(text))
                common = shared_prefix(t, text)
                if common >= max(STEM, shorter - STEM_SLACK) and not self._outside_tail(
                    text, common
                ):
                    return t
        latin = transliterate(text) if any(ord(ch) >= 0x400 for ch in text) else text
        head, rest = latin[:SHORT_TITLE], latin[SHORT_TITLE:]
        if (
            not elsewhere
            and head in self.tokens
            and head not in self.lex.intents.words
            and (_ending(rest) or rest in self.lex.dates.words)
        ):
            # "popołudnie filmowe", "фільмовий", "Filmabend": a short title word ("Film",
            # "Yoga") with an ending of another language's grammar, or a day part after it.
            return head
        # An everyday word ("letztes" of "wie letztes Jahr") is no misspelt title ("letters").
        if len(text) >= 6 and self._choices and not elsewhere and text not in self.lex.everyday:
            hit = process.extractOne(
                text, self._choices, scorer=fuzz.ratio, score_cutoff=TITLE_FUZZY_CUTOFF
            )
            if hit:
                return hit[0]
            if (
                _ARABIC_LETTER.match(text)
                and text not in self.lex.vocabulary.get("ar", ())
                and text not in self.lex.stopwords
            ):
                # "تالكافيه": a Dutch title written in Arabic letters ("Taalcafé").
                skeleton = arabic_skeleton(text)
                if skeleton in self._skeletons:
                    return self._skeletons[skeleton]
            if any(ord(ch) >= 0x400 for ch in text):
                # "стоелгім": a Dutch title written in Ukrainian letters ("Stoelgym").
                hit = process.extractOne(
                    transliterate(text),
                    self._spelled_choices,
                    scorer=fuzz.ratio,
                    score_cutoff=TITLE_FUZZY_CUTOFF,
                )
                if hit:
                    return hit[0]
        return None

    def pick(self, found: ItemScores, centre: str | None, minimum: float) -> tuple[str, ...]:
        """The best items (ties kept), preferring those at the named centre."""
        scored = {k: v for k, v in found.scores.items() if v >= minimum}
        if centre:
            here = {k: v for k, v in scored.items() if centre in self.centres[k]}
            scored = here or scored
        if not scored:
            return ()
        best = max(scored.values())
        return tuple(k for k in self.order if k in scored and scored[k] >= best - 1e-6)

    def also_named(
        self,
        found: ItemScores,
        picked: tuple[str, ...],
        centre: str | None,
        minimum: float,
        direct_at: dict[int, set[str]],
        aside: Collection[int] = (),
    ) -> tuple[str, ...]:
        """The picked items plus others the message names by words of their own: "a language
        café or Dutch lessons" names two activities; "debts" names the debt desk beside the
        letters desk that scores best. Only words naming an item itself count (its title, a
        concept it has as said), not a broader concept ("money") it shares, nor the words at
        `aside` (what the picked one is, "a first aid *meeting*"; the phone one calls with)."""
        if not picked:
            return picked
        set_aside = set(aside)

        def titled(item_id: str) -> set[int]:
            return found.title_positions.get(item_id, set())

        def named_by(item_id: str) -> set[int]:
            own = self.concepts[item_id]
            said = titled(item_id) | {k for k, named in direct_at.items() if named & own}
            return said - set_aside

        # A word of another item's own title counts even where a picked item shares its
        # concept ("Kartenspiele oder Petanque": both are games).
        title_cover = set().union(*(titled(k) for k in picked))
        covered = set().union(*(named_by(k) for k in picked))
        # A word of a kind that is none of its own ("learn" of "learn Dutch" is a course)
        # names no other item beside the one picked ("تعلم الهولندية" is no bike lesson).
        covered |= {
            k for k, named in direct_at.items() if named and named <= self.lex.generic_concepts
        }
        extra = []
        for item_id in self.order:
            if item_id in picked or found.scores.get(item_id, 0.0) < minimum:
                continue
            if centre and centre not in self.centres[item_id]:
                continue
            if titled(item_id) - title_cover - set_aside or named_by(item_id) - covered:
                extra.append(item_id)
        return (*picked, *extra)

    def titled_after(self, item_id: str, texts: Sequence[str], articles: Collection[str]) -> bool:
        """Whether the message says one of the item's whole titles right after a definite
        article ("the chair yoga", "het klaverjassen", "die Handarbeitsgruppe"): that activity
        by its name, not its kind."""
        stopwords = self.lex.stopwords
        for i in range(1, len(texts)):
            if texts[i - 1] not in articles:
                continue
            # The words after the article, small words left out as in the titles ("le yoga
            # sur chaise").
            said = [t for t in texts[i:] if t not in stopwords]
            for title in self.title_sequences.get(item_id, ()):
                if (
                    title
                    and len(said) >= len(title)
                    and all(_same_form(a, b) for a, b in zip(said, title, strict=False))
                ):
                    return True
        return False

    def same_kind(
        self,
        found: ItemScores,
        picked: tuple[str, ...],
        centre: str | None,
        direct_at: dict[int, set[str]],
        breaks: Collection[int] = (),
        aside: Collection[int] = (),
        broader: bool = False,
        asked: bool = False,
    ) -> tuple[str, ...]:
        """The picked items plus every other item of the kind the words naming them say: "obiad",
        "a walk", "breakfast" are each lunch, walk and breakfast on offer, not the one whose title
        happens to be that word. Only the narrowest kinds said count ("lunch", not "meal"), and
        an item must have all of them as kinds or whole title words ("Christmas lunch" is no
        plain lunch; "Seniorennachmittag" makes no lunch), but whom our centres are for
        narrows no kind said beside it ("Gymnastik für Senioren" is every exercise hour).
        Kinds named apart, with a joining word or a comma between them (`breaks`: the words a
        new kind may begin after, "trips or walks"), are each asked for: an item of any one of
        them fits. Words at `aside` say
        no kind ("the neighbourhood *meeting*" is that one, not every meeting). Where a kind
        is `asked` for (not a stand-in sought for a sign-up), a kind that names none of its own
        ("lessons" of "Dutch lessons") narrows nothing beside another: every Dutch lesson and
        language café. With `broader` ("klaverjas, rummy, anything") the kinds
        said stand for the broader ones they belong to: every game, not only card games."""
        positions = set().union(*(found.direct_positions.get(k, set()) for k in picked))
        positions -= set(aside)
        groups: list[set[str]] = []
        last: int | None = None
        for i in sorted(positions):
            said_here = direct_at.get(i, set())
            if not said_here:
                continue
            if last is None or any(last < b <= i for b in breaks):
                groups.append(set())
            groups[-1] |= said_here
            last = i
        narrows = [
            {c for c in said if not any(c in expand((o,), self.lex) - {o} for o in said)}
            for said in groups
        ]
        # Whom it is for beside what it is ("a choir for seniors"): every item of that kind.
        public = self.lex.public_concepts
        narrows = [n - public if n - public else n for n in narrows if n]
        generic = self.lex.generic_concepts if asked else set()
        narrows = [n - generic if n - generic else n for n in narrows]
        if broader:
            narrows = [
                {c for o in n for c in (expand((o,), self.lex) - {o} or {o})} for n in narrows
            ]
        if not picked or not narrows:
            return picked
        extra = tuple(
            item_id
            for item_id in self.order
            if item_id not in picked
            and any(narrow <= self.kinds_named[item_id] for narrow in narrows)
            and (centre is None or centre in self.centres[item_id])
        )
        return (*picked, *extra)

    def closest_fit(self, ids: Sequence[str], concepts: set[str]) -> tuple[str, ...]:
        """Of tied items, those with the fewest kinds the message did not name: "lunch" is
        the plain lunch rather than the Christmas lunch."""
        extra = {i: len(self.declared[i] - concepts) for i in ids}
        fewest = min(extra.values())
        return tuple(i for i in ids if extra[i] == fewest)


def described_concepts(description: dict[str, str], lex: Lexicon) -> set[str]:
    """The concepts a description names through each language's own words ("hulp bij je
    belastingaangifte" is tax, "Schilderen en tekenen" crafts), not the broader ones they imply
    (the bike a repair café mends makes it no sport). Where the description is translated, a
    concept counts when more than half of the translations that name any concept name it: the
    "main course" of an English menu is no course, "Flemish beef stew" no Dutch lesson, where
    the Dutch text says neither."""
    found = [concepts_in(words(text), lang, lex) for lang, text in description.items()]
    found = [concepts for concepts in found if concepts]
    votes: dict[str, int] = defaultdict(int)
    for concepts in found:
        for c in concepts:
            votes[c] += 1
    # "voor beginners", "leren": a course is how most things are taught, not what (README).
    return {c for c, n in votes.items() if n * 2 > len(found)} - lex.generic_concepts


def add_described(
    descriptions: dict[str, dict[str, str]], indexes: Sequence[ItemIndex], lex: Lexicon
) -> None:
    """Give items the concepts their descriptions name that no item of any index has by its
    kinds or title: a desk titled "De Rekenhoek" described as help with one's tax return is
    found by "tax" in eight languages, where no desk says so otherwise. A concept some item
    declares stays that item's: "koffie" in a breakfast's description does not make it a
    coffee morning beside the coffee morning itself. Such concepts weigh as a title's do."""
    covered = {c for index in indexes for concepts in index.concepts.values() for c in concepts}
    for index in indexes:
        for item_id in index.order:
            extra = described_concepts(descriptions.get(item_id, {}), lex) - covered
            if extra:
                index.concepts[item_id] |= extra
                index.described[item_id] = extra
                for c in extra:
                    for broader in expand((c,), lex) - index.concepts[item_id]:
                        index.implied.setdefault(item_id, {}).setdefault(broader, set()).add(c)
        index.reweigh()


def share_concept_weights(*indexes: ItemIndex) -> None:
    """Weigh each concept by how rare it is among all activities and desks together: "youth"
    that one desk has names it more surely than "conversation" that two activities share."""
    total = max(sum(len(index.order) for index in indexes), 1)
    count: dict[str, int] = defaultdict(int)
    for index in indexes:
        for concepts in index.concepts.values():
            for c in concepts:
                count[c] += 1
    for index in indexes:
        index.concept_weight = {
            c: _idf(k, total) for c, k in count.items() if c in index.concept_weight
        }


def _whole_word_concepts(title: str, lang: str, lex: Lexicon) -> set[str]:
    """Concepts whole words of a title name: "Petit-déjeuner" is breakfast, but the "midi" of
    "Après-midi" (afternoon) is no lunch, nor "mittag" inside "Seniorennachmittag"."""
    index = lex.concepts.get(lang)
    if index is None:
        return set()
    tokens: list[str] = []
    part_of: list[int] = []  # which space-separated part of the title each word comes from
    for number, part in enumerate(title.split()):
        for word in words(part):
            tokens.append(word)
            part_of.append(number)
    found = set()
    times = _times_of_day(tokens, lex)
    for m in index.find(tokens):
        if any(a <= m.start and m.end <= b and (m.start, m.end) != (a, b) for a, b in times):
            continue  # "Kart oyunu öğleden sonrası", "по обіді": the afternoon, no lunch
        parts = set(part_of[m.start : m.end])
        # A match must take in every word of each hyphenated part it touches.
        if all(
            part_of.count(p) == sum(1 for k in range(m.start, m.end) if part_of[k] == p)
            for p in parts
        ):
            found.add(m.payload[0])
    return found


def _times_of_day(tokens: Sequence[str], lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of a title that say a part of the day in several words ("öğleden sonra", "по
    обіді", "після обіду"): their words name no meal."""
    return [(m.start, m.end) for m in lex.day_part_times.find(tokens) if m.end - m.start > 1]


def _title_concepts(title_words: Sequence[str], lang: str, lex: Lexicon) -> set[str]:
    """Concepts a title names, not those of a word inside a part of the day it says ("Kart
    oyunu öğleden sonrası" is no lunch, "Карти ... по обіді" no meal)."""
    times = _times_of_day(title_words, lex)
    return {
        c
        for c, i, j in concept_spans(title_words, lang, lex)
        if not any(a <= i and j <= b and (i, j) != (a, b) for a, b in times)
    }


def _street(address: str) -> str:
    """The street of an address ("Stappegoorweg 12, 5022 DD Tilburg" -> "Stappegoorweg"):
    residents name a centre by the street it is on."""
    street = address.split(",")[0]
    return " ".join(w for w in street.split() if not any(ch.isdigit() for ch in w))


def _like_any(word: str, names: Collection[str]) -> bool:
    """Whether `word` is another spelling of one of `names` ("Ostend" of "Oostende")."""
    return any(SequenceMatcher(None, word, name).ratio() >= TOWN_SPELLING for name in names)


def _idf(count: int, total: int) -> float:
    # At least 1: any title word or kind names an item; rarer ones name it more surely.
    return 1.0 + math.log(total / count)


def expand(concepts: Iterable[str], lex: Lexicon) -> set[str]:
    """Concepts plus the broader ones they imply (smartphone -> digital)."""
    out = set(concepts)
    todo = list(out)
    while todo:
        for broader in lex.implies.get(todo.pop(), ()):
            if broader not in out:
                out.add(broader)
                todo.append(broader)
    return out


def concepts_in(
    texts: Sequence[str], lang: str, lex: Lexicon, skip: Collection[int] = ()
) -> set[str]:
    """Concepts a text names in one language, splitting compounds ("kerstdiner")."""
    return {c for c, _, _ in concept_spans(texts, lang, lex, skip)}


def concept_spans(
    texts: Sequence[str], lang: str, lex: Lexicon, skip: Collection[int] = ()
) -> list[tuple[str, int, int]]:
    """(concept, first token, end token) for each concept word in the text; compounds split."""
    index = lex.concepts.get(lang)
    if index is None:
        return []
    found: list[tuple[str, int, int]] = []
    specific: dict[int, list[tuple[Any, ...]]] = {}
    # A phrase beginning on a skipped word ("mijn haar" at the function word "mijn") leaves the
    # shorter one inside it ("haar knippen" of "kan iemand mijn haar knippen").
    matches = index.find(texts)
    if skip and any(m.start in skip for m in matches):
        matches = longest_only(
            [m for m in index.find(texts, longest=False) if m.start not in skip]
        )
    for m in matches:
        if m.end - m.start == 1:
            # One word read by several stems: the longest says what it is ("Sozialwohnung" is
            # housing, not the "sozial*" of social services).
            if m.start not in specific:
                specific[m.start] = index.most_specific(texts[m.start])
            best = specific[m.start]
            if best and m.payload not in best:
                continue
        found.append((m.payload[0], m.start, m.end))
    compounding = lang in COMPOUNDING
    for i, text in enumerate(texts):
        # Compounds: "kerstdiner" is Christmas and a meal, though "kerst*" already matched.
        if i in skip or len(text) < 7 or text in lex.general or _listed(text, index):
            continue
        for cut in range(3, len(text) - 2):
            if not _whole_head(text[:cut], index):
                continue
            head = index.lookup_word(text[:cut])
            tail = index.lookup_word(text[cut:])
            if head and tail:
                found.extend((p[0], i, i + 1) for p in head + tail)
                break
        else:
            if compounding:
                found.extend((c, i, i + 1) for c in _compound_parts(text, lang, index, lex))
    if lang == "ar":
        # An adjective made of a topic's noun ("الإقرار الضريبي" of "ضريبة", "وضع مالي" of
        # "مال", "مشكل صحي" of "صحة"): the noun's topic.
        said = {k for _, i, j in found for k in range(i, j)}
        for i, text in enumerate(texts):
            if i in skip or i in said or text in lex.intents.words or text in lex.everyday:
                continue  # a word of a phrase ("نلغي", cancel) is no adjective of a topic
            for base in _nisba_nouns(text):
                hits = index.lookup_word(base)
                if hits:
                    found.extend((p[0], i, i + 1) for p in hits)
                    break
    return found


NISBA_STEM = 2  # letters an Arabic noun keeps under its adjective's ending ("صحي")


def _nisba_nouns(word: str) -> tuple[str, ...]:
    """The nouns an Arabic adjective in -ي or -ية may be made of: with its ة (folded ه) or
    without ("ضريبي" -> "ضريبه", "مالي" -> "مال")."""
    if word.endswith("يه") and len(word) - 2 >= NISBA_STEM:
        # The feminine only with its ة: "ورقية" (of paper) is no "ورق" (playing cards).
        return (word[:-2] + "ه",)
    stem = word[:-1]
    if word.endswith("ي") and len(stem) >= NISBA_STEM:
        # A bare stem of two letters is too short to be sure of ("عل" of "علي").
        return (stem + "ه", stem) if len(stem) > NISBA_STEM else (stem + "ه",)
    return ()


def _listed(text: str, index: PhraseIndex) -> bool:
    """Whether a word is a concept word itself or a form of one ("sozialwohnungen" of
    "sozialwohnung*"): no compound to take apart."""
    return _known_word(text, index.words, index.stems)


def _known_word(text: str, vocabulary: Collection[str], stems: Collection[str]) -> bool:
    """Whether a word is one of `vocabulary` or a stem of `stems` with a short ending."""
    return text in vocabulary or any(
        text[:k] in stems for k in range(max(TAIL_MIN, len(text) - COMPOUND_LINK), len(text) + 1)
    )


COMPOUNDING = frozenset({"nl", "de"})  # languages that write a thing's kind last in one word
TAIL_MIN = 4  # the shortest last part of a compound read as a word of its own ("feest")


def _compound_parts(text: str, lang: str, index: PhraseIndex, lex: Lexicon) -> list[str]:
    """Concepts of a Dutch or German compound the lexicon does not list, by its parts: the
    last part says what it is ("Nachbarschafts|frühstück" is a breakfast, "buurt|ontbijt" too,
    whatever the first part); a first part naming a concept counts when the rest is a word the
    language file knows ("Karnevals|nachmittag"). The longest known last part decides:
    "Senioren|nachmittag" is an afternoon, not a lunch ("mittag")."""
    vocabulary = lex.vocabulary.get(lang, set())
    stems = lex.stems.get(lang, set())
    if _known_word(text, vocabulary, stems):
        return []  # a word of the language file itself, or a form of one of its stems
    for cut in range(3, len(text) - TAIL_MIN + 1):
        tail = text[cut:]
        if not _known_word(tail, vocabulary, stems):
            continue
        if lex.foreign.lookup_word(tail):
            return []  # "Vis|winkel", "Fisch|geschäft": a shop in town, not our shop
        found = [p[0] for p in index.lookup_word(tail)]
        head = text[:cut]
        if _whole_head(head, index):
            found += [p[0] for p in index.lookup_word(head)]
        return found
    return []


COMPOUND_LINK = 3  # letters a compound's first word may run on past its stem ("steuer" + "n")


def _whole_head(head: str, index: PhraseIndex) -> bool:
    """Whether the first part of a compound is a word of its own: a concept word, or a stem
    with at most a linking ending ("kerst" + "s"). "steuerbesch" + "eid" is no compound of a
    tax and an eID: the "steuer*" stem would swallow half a word."""
    if head in index.words:
        return True
    return any(
        head[:k] in index.stems for k in range(max(1, len(head) - COMPOUND_LINK), len(head) + 1)
    )
