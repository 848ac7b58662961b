"""Which language a message is written in, from its script and the bot's own vocabulary."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from conversations.understanding.lexicon import Lexicon
from conversations.understanding.text import fold, script_of
from storage.model import LANGUAGES

# Letters that only some of our languages use; a hint, weaker than a known word.
_HINTS: dict[str, dict[str, float]] = {
    "ğ": {"tr": 1.0},
    "ş": {"tr": 1.0},
    "ı": {"tr": 1.0},
    "İ": {"tr": 1.0},
    "ç": {"tr": 0.4, "fr": 0.4},
    "ö": {"tr": 0.4, "de": 0.4},
    "ü": {"tr": 0.4, "de": 0.4},
    "ä": {"de": 1.0},
    "ß": {"de": 1.0},
    "ą": {"pl": 1.0},
    "ę": {"pl": 1.0},
    "ł": {"pl": 1.0},
    "ś": {"pl": 1.0},
    "ź": {"pl": 1.0},
    "ż": {"pl": 1.0},
    "ń": {"pl": 1.0},
    "ć": {"pl": 1.0},
    "ó": {"pl": 0.6},
    "è": {"fr": 0.6},
    "ê": {"fr": 0.6},
    "à": {"fr": 0.6},
    "â": {"fr": 0.6},
    "î": {"fr": 0.6},
    "ô": {"fr": 0.6},
    "û": {"fr": 0.6},
    "ù": {"fr": 0.6},
    "é": {"fr": 0.3},
}
_RAW_WORD = re.compile(r"[^\W\d_]+")
# A Turkish case ending written after a name with an apostrophe ("Het Anker'in adresi",
# "Molenwijk'te", "De Linde'ye"): Turkish grammar, whatever language the name is in.
_TURKISH_SUFFIX = re.compile(
    r"([^\W\d_]{3,})['’](?:[ny]?[ıiuü]n?|n[ıiuü]n|[dt][ae](?:ki|n)?|[dt][ae]n|y?[ae]|y?l[ae]"
    r"|y?[ıiuü]|s[ıiuü]|l[ae]r[ıi]?|nd[ae]n?|n[ae])\b"
)
TURKISH_SUFFIX_WEIGHT = 2.5  # more than the name's own words and the ending itself weigh
CLEAR_MARGIN = 0.5  # how far the best language must lead the next to count as clear


def language_scores(
    tokens: Sequence[str], raw: str, lex: Lexicon, names: Collection[str] = ()
) -> dict[str, float]:
    """A score per language: known words (shared words count split) plus letter hints."""
    scores = dict.fromkeys(LANGUAGES, 0.0)
    for token in tokens:
        if token in names or token.isdigit():
            continue
        langs = [lang for lang in LANGUAGES if knows(lex, lang, token)]
        for lang in langs:
            scores[lang] += 1.0 / len(langs)
    for word in _RAW_WORD.findall(raw):
        if fold(word) in names:
            continue
        hinted: dict[str, float] = {}
        for char in word:
            for lang, weight in _HINTS.get(char, {}).items():
                hinted[lang] = max(hinted.get(lang, 0.0), weight)
        for lang, weight in hinted.items():
            scores[lang] += weight
    for m in _TURKISH_SUFFIX.finditer(raw):
        # A proper name: capitalised, or a name of ours typed in lower case.
        if m.group(1)[0].isupper() or fold(m.group(1)) in names:
            scores["tr"] += TURKISH_SUFFIX_WEIGHT
    return scores


def knows(lex: Lexicon, lang: str, token: str) -> bool:
    """Whether a folded word is one of a language's words, or begins with one of its stems."""
    if token in lex.vocabulary.get(lang, ()):
        return True
    stems = lex.stems.get(lang, ())
    return any(token[:k] in stems for k in range(3, len(token) + 1))


def message_language(
    tokens: Sequence[str], raw: str, lex: Lexicon, names: Collection[str] = ()
) -> tuple[str | None, tuple[str, ...]]:
    """The language the message is clearly in (or None), and the languages that tie for best."""
    script = script_of(raw)
    if script:
        return script, (script,)
    scores = language_scores(tokens, raw, lex, names)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best = ranked[0][1]
    if best <= 0:
        return None, ()
    tied = tuple(lang for lang, score in ranked if best - score < CLEAR_MARGIN)
    return (ranked[0][0] if len(tied) == 1 else None), tied


def reply_language(
    clear: str | None,
    tied: Sequence[str],
    *,
    chosen: str | None,
    client: str | None,
    default: str,
    conversation: str | None = None,
) -> str:
    """Chosen language, else the message's, else the conversation's, else the client's, else
    the organisation's default."""
    if chosen in LANGUAGES:
        return chosen
    if clear:
        return clear
    if tied:
        # "Hallo" is Dutch and German: the conversation's, the client's or the default breaks it.
        for lang in (conversation, client, default):
            if lang is not None and lang in tied:
                return lang
    if conversation in LANGUAGES:
        return conversation
    if client in LANGUAGES:
        return client
    return tied[0] if tied else default
