"""Spoken and dialect spellings: a word written as it is said, read as the word it is.

Residents write their own speech ("is 't buurthoes in Geistingen zaoterdag aope?"): a vowel of
their dialect for the written one ("oe" for "ui", "ao" for "a"), a final "n" dropped beside it
("aope"), a diminutive of their own ("'t Hoekske"), a whole word ("mondag"). Each language file
lists its own (`spoken_sounds`, `spoken_endings`, `spoken_dropped`, `spoken_words`); a word the
bot does not know is read as the word one or two of those give, when that is a word of the
language's phrases, day names or words for our centres, or of a centre's name; never as any other
word ("vaste" is no "vasten", "boat" no "bot").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from conversations.understanding.lexicon import Lexicon

SPOKEN_MIN = 3  # shorter words are too many others' spoken forms ("oo"); whole words are listed
SOUNDS_AT_MOST = 2  # sounds replaced in one word ("maondag": one; "oape" and its "n": two)
TARGET_MIN = 4  # the shortest word a spoken form is read as
SPOKEN_NAME_MIN = 5  # the shortest word of a centre's name one is read as ("'t Hoekske")


class SpokenForms:
    """Reads a word of one's speech as the written word, for one organisation's known words."""

    def __init__(self, lex: Lexicon, names: frozenset[str]) -> None:
        self._lex = lex
        # the words a spoken form may be read as: per language (`spoken_targets`), and the
        # words of our centres' names in any
        self._targets = {lang: spoken_targets(lex, lang) for lang in lex.spoken_sounds}
        self._names = names

    def _known(self, word: str, lang: str) -> bool:
        return word in self._targets.get(lang, ()) or word in self._names

    def written(self, token: str) -> str | None:
        """The known word `token` is a spoken form of, or None ("buurthoes" -> "buurthuis")."""
        return written_form(token, self._lex, self._known)


def written_form(token: str, lex: Lexicon, known: Callable[[str, str], bool]) -> str | None:
    """The word `token` is a spoken form of that `known(word, lang)` accepts, or None."""
    for lang, whole in lex.spoken_words.items():
        if token in whole and known(whole[token], lang):
            return whole[token]
    if len(token) < SPOKEN_MIN:
        return None
    for lang in lex.spoken_sounds.keys() | lex.spoken_endings.keys():
        for form in _forms(token, lex, lang):
            if known(form, lang):
                return form
    return None


def spoken_targets(lex: Lexicon, lang: str) -> frozenset[str]:
    """The words of a language a spoken form may be read as: words of our phrases, day and
    month names and words for our centres, never a function word (a dialect's "woorden" is no
    "worden") nor a topic's ("vaste" is no "vasten", "voel" no "vuil") nor a short one ("boat"
    is no "bot")."""
    ours = lex.intents.words | lex.dates.words | lex.centre_words | lex.centre_kinds.words
    return frozenset(
        w
        for w in lex.vocabulary.get(lang, set()) & ours
        if len(w) >= TARGET_MIN and (w not in lex.stopwords or w in lex.dates.words)
    )


def _forms(token: str, lex: Lexicon, lang: str) -> Iterator[str]:
    """`token` with up to SOUNDS_AT_MOST of the language's sounds replaced, fewest first; a
    dropped ending (`spoken_dropped`: "ope" of "open") only beside a sound ("aope"): alone it
    is as often the written word's own ending ("vaste", "oudere")."""
    level = [token]
    seen = {token}
    for step in range(SOUNDS_AT_MOST):
        following = []
        for form in level:
            for changed in _changes(form, lex, lang, dropped=step > 0):
                if changed not in seen:
                    seen.add(changed)
                    following.append(changed)
                    yield changed
        level = following


def _changes(form: str, lex: Lexicon, lang: str, *, dropped: bool) -> Iterator[str]:
    """`form` with one sound replaced (at one place of it), or its ending; with `dropped`,
    also a dropped ending restored."""
    for said, meant in lex.spoken_sounds.get(lang, ()):
        start = form.find(said)
        while start >= 0:
            yield form[:start] + meant + form[start + len(said) :]
            start = form.find(said, start + 1)
    endings = lex.spoken_endings.get(lang, ())
    if dropped:
        endings += lex.spoken_dropped.get(lang, ())
    for said, meant in endings:
        if form.endswith(said) and len(form) > len(said):
            yield form[: len(form) - len(said)] + meant
