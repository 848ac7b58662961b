"""Messages written in a language the bot does not speak: Spanish, Russian, Tigrinya...

The eight languages are recognised by the bot's own vocabulary (language.py). A message in
another language has few known words and would be answered as if understood in the phone's
language; these checks say it is in another language, so the bot can say which it speaks.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from pathlib import Path

import yaml

from conversations.understanding.language import language_scores
from conversations.understanding.lexicon import LEXICON_DIR, Lexicon
from conversations.understanding.text import fold
from storage.model import LANGUAGES

# Scripts none of our languages is written in; Ge'ez is Tigrinya's and Amharic's.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ti", re.compile(r"[\u1200-\u139f\u2d80-\u2ddf]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("hy", re.compile(r"[\u0530-\u058f]")),
    ("ka", re.compile(r"[\u10a0-\u10ff]")),
    ("hi", re.compile(r"[\u0900-\u0dff]")),  # Devanagari to Sinhala: South Asian scripts
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("zh", re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")),  # CJK, kana, hangul
)
_LETTER = re.compile(r"[^\W\d_]")
# Letters Russian has and Ukrainian does not, and the other way round.
_RUSSIAN_LETTERS = re.compile(r"[ыэъё]")
_UKRAINIAN_LETTERS = re.compile(r"[іїєґ]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# Persian is written in Arabic letters, with four of its own (پ چ ژ گ) and its own keheh and
# yeh (ک ی, where Arabic has ك ي), and without the Arabic teh marbuta (ة). Moroccan Darija
# writes گ for a g, so گ alone says nothing.
_PERSIAN_LETTERS = re.compile(r"[\u067e\u0686\u0698\u06a9\u06cc]")
_ARABIC_ONLY_LETTERS = re.compile(r"[\u0629\u0643\u064a]")
MIN_WORDS = 2  # words of one other language it takes in a message that has words of ours
WORDS_LEAD = 1.0  # by how much they must outnumber the evidence for our best language


@lru_cache(maxsize=2)
def _word_lists(path: Path = LEXICON_DIR / "unsupported.yaml") -> dict[str, frozenset[str]]:
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    return {
        code: frozenset(fold(str(w)) for w in entry.get("words") or ())
        for code, entry in (data.get("languages") or {}).items()
    }


@lru_cache(maxsize=2)
def _ukrainian_words(path: Path = LEXICON_DIR / "unsupported.yaml") -> frozenset[str]:
    """Words Russian does not have, written without a letter only Ukrainian has ("чи")."""
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    return frozenset(fold(str(w)) for w in data.get("ukrainian_words") or ())


def _ours(lex: Lexicon, token: str) -> bool:
    if any(token in lex.vocabulary.get(lang, ()) for lang in LANGUAGES):
        return True
    return any(
        token[:k] in lex.stems.get(lang, ())
        for lang in LANGUAGES
        for k in range(3, len(token) + 1)
    )


def unsupported_language(
    tokens: Sequence[str], raw: str, lex: Lexicon, names: Collection[str] = ()
) -> str | None:
    """The code of the other language a message is written in, or None for one of ours."""
    letters = len(_LETTER.findall(raw))
    if not letters:
        return None
    for code, pattern in _SCRIPTS:
        if len(pattern.findall(raw)) * 2 > letters:
            return code
    if _persian(raw, letters):
        return "fa"
    lowered = raw.lower()
    lists = _word_lists()
    if _mostly_cyrillic(raw, letters):
        if _UKRAINIAN_LETTERS.search(lowered):
            return None
        if any(t in _ukrainian_words() for t in tokens):
            # "а в воскресенье есть что-то, кава чи прогулянка?": Russian words mixed with
            # Ukrainian ones, as many Ukrainians write; answered in Ukrainian.
            return None
        if _RUSSIAN_LETTERS.search(lowered):
            return "ru"
        russian = sum(1 for t in tokens if t in lists.get("ru", ()))
        return "ru" if russian else None
    counts: dict[str, int] = {}
    for token in tokens:
        if token in names or token.isdigit() or _ours(lex, token):
            continue
        for code, vocabulary in lists.items():
            if code == "ru":
                continue
            if token in vocabulary:
                counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None
    code, hits = max(counts.items(), key=lambda kv: kv[1])
    ours = max(language_scores(tokens, raw, lex, names).values())
    if ours == 0 and hits >= 1 and hits * 2 >= len(tokens):
        return code  # "Hola", "Obrigado!": nothing of ours at all
    if hits >= MIN_WORDS and hits >= ours + WORDS_LEAD:
        return code
    return None


def _persian(raw: str, letters: int) -> bool:
    """Mostly Arabic letters, with Persian's own letters and not Arabic's own."""
    if len(_ARABIC_SCRIPT.findall(raw)) * 2 < letters:
        return False
    persian = len(_PERSIAN_LETTERS.findall(raw))
    return persian >= 2 and persian > len(_ARABIC_ONLY_LETTERS.findall(raw))


def _mostly_cyrillic(raw: str, letters: int) -> bool:
    return len(_CYRILLIC.findall(raw)) * 2 >= letters
