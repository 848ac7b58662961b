"""Folding and tokenising: the one way both the lexicon and residents' messages are read."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letters NFKD does not take apart, plus the apostrophes and quotes residents' keyboards produce.
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ß": "ss",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ð": "d",
        "þ": "th",
        "ة": "ه",
        "ى": "ي",
        "ـ": "",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "٫": ".",
        # Eastern Arabic and Persian digits read as the digits they are ("٢٩ ديسمبر", "۲۵۴۴").
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
# A Ukrainian apostrophe belongs to the word (п'ятниця); residents also leave it out.
_CYRILLIC_APOSTROPHE = re.compile(r"(?<=[\u0400-\u04ff])'(?=[\u0400-\u04ff])")
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
# A Cyrillic word with Latin letters that look the same ("обiд", "cнiданок"): a keyboard without
# "і" or switched halfway; read as the Cyrillic letters.
_MIXED_CYRILLIC = re.compile(r"[^\W\d_]*[\u0400-\u04ff][^\W\d_]*")
_LOOKALIKES = str.maketrans("aceiopxyk", "асеіорхук")
# Arabic writes the article and some prepositions glued to the word: match on the bare word.
_ARABIC_PREFIXES = (("وال", 3), ("بال", 3), ("فال", 3), ("كال", 3), ("لل", 2), ("ال", 2))
# Words whose article carries the meaning: "اليوم" is today, "يوم" only "day" ("يوم الخميس").
_KEEP_ARTICLE = frozenset({"اليوم"})
# Bare words that mean something else with the article: "غدا" is tomorrow, "الغدا" (and
# "فالغدا", "للغدا") the lunch in Moroccan Arabic; "أحد" is someone and "اثنين" two, "الأحد"
# Sunday and "الاثنين" Monday ("هل يمكن أن يتصل بي أحد" names no day).
_ARTICLE_MEANS = frozenset({"غدا", "احد", "اثنين"})
# Dialects say "my" with a word after the noun ("التسجيلات تبعي", "المواعيد ديالي", "البيانات
# حقي", "الحجز بتاعي"): read as the noun with the suffix, as standard Arabic writes it
# ("تسجيلاتي").
_MY = frozenset({"تبعي", "تبعتي", "تاعي", "ديالي", "حقي", "حقتي", "بتاعي", "بتاعتي", "متاعي"})
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True, slots=True)
class Token:
    """One word or number of a message, folded, with where it stood in the folded text."""

    text: str
    start: int
    end: int


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case and strip accents so "Café", "cafe" and "CAFÉ" read alike."""
    text = text.lower().translate(_SPECIAL)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    if _CYRILLIC.search(text):
        text = _MIXED_CYRILLIC.sub(lambda m: m.group().translate(_LOOKALIKES), text)
    return _CYRILLIC_APOSTROPHE.sub("", text)


def _bare(word: str) -> str:
    if _ARABIC.match(word) and word not in _KEEP_ARTICLE:
        for prefix, size in _ARABIC_PREFIXES:
            if word.startswith(prefix) and len(word) > size + 1:
                bare = word[size:]
                return "ال" + bare if bare in _ARTICLE_MEANS else bare
    return word


def tokenize(text: str) -> list[Token]:
    """The tokens of an already folded text."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        before = tokens[-1] if tokens else None
        # Not after an adjective ("الكود البريدي ديالي", my postcode): the phrase stays as written.
        if word in _MY and before and _ARABIC.match(before.text) and before.text[-1] != "ي":
            # "جلسه تبعي" is "جلستي": the closing ة (folded to ه) becomes ت before the suffix.
            noun = before.text[:-1] + "ت" if before.text.endswith("ه") else before.text
            tokens[-1] = Token(noun + "ي", before.start, m.end())
            continue
        tokens.append(Token(_bare(word), m.start(), m.end()))
    return tokens


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Fold and tokenise a phrase into its words (used for lexicon entries and data names)."""
    return tuple(t.text for t in tokenize(fold(text)))


def is_arabic(word: str) -> bool:
    """Whether a word is written in Arabic script."""
    return bool(_ARABIC.match(word))


def script_of(text: str) -> str | None:
    """ "ar" or "uk" when the text is written in Arabic or Cyrillic script, else None."""
    arabic = len(_ARABIC.findall(text))
    cyrillic = len(_CYRILLIC.findall(text))
    if arabic == 0 and cyrillic == 0:
        return None
    latin = sum(1 for c in text if c.isalpha()) - arabic - cyrillic
    # Latin place names inside an Arabic or Ukrainian sentence must not outvote the script.
    if max(arabic, cyrillic) * 2 < latin:
        return None
    return "ar" if arabic >= cyrillic else "uk"


def shared_prefix(a: str, b: str) -> int:
    """How many first letters two words share ("Кортрейку" and "Кортрейка": 8)."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
