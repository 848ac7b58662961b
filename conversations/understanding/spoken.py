"""Spoken and dialect spellings: a word written as it is said, read as the word it is.

Residents write their own speech ("is 't buurthoes in Geistinge zaoterdag aope?"): a vowel of
their dialect for the written one ("oe" for "ui", "ao" for "a"), a final "n" dropped ("ope"), a
short form of a small word ("da" for "dat"). Each language file lists its own (`spoken_sounds`,
`spoken_endings`, `spoken_words`); a word the bot does not know is read as the known word one or
two of those sounds give, of the same language or of the organisation's data, never as any other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from conversations.understanding.lexicon import Lexicon

SPOKEN_MIN = 3  # shorter words are too many others' spoken forms ("oo", "da" is listed whole)
SOUNDS_AT_MOST = 2  # sounds replaced in one word ("maondag": one; "oape" and its "n": two)


class SpokenForms:
    """Reads a word of one's speech as the written word, for one organisation's known words."""

    def __init__(self, lex: Lexicon, known: Callable[[str, str], bool]) -> None:
        # `known(word, lang)`: whether a word is one of that language's or of the data's
        self._lex = lex
        self._known = known

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


def _forms(token: str, lex: Lexicon, lang: str) -> Iterator[str]:
    """`token` with up to SOUNDS_AT_MOST of the language's sounds replaced, fewest first."""
    level = [token]
    seen = {token}
    for _ in range(SOUNDS_AT_MOST):
        following = []
        for form in level:
            for changed in _changes(form, lex, lang):
                if changed not in seen:
                    seen.add(changed)
                    following.append(changed)
                    yield changed
        level = following


def _changes(form: str, lex: Lexicon, lang: str) -> Iterator[str]:
    """`form` with one sound replaced (at one place of it), or its ending."""
    for said, meant in lex.spoken_sounds.get(lang, ()):
        start = form.find(said)
        while start >= 0:
            yield form[:start] + meant + form[start + len(said) :]
            start = form.find(said, start + 1)
    for said, meant in lex.spoken_endings.get(lang, ()):
        if form.endswith(said) and len(form) > len(said):
            yield form[: len(form) - len(said)] + meant
