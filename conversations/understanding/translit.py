"""Ukrainian written in Latin letters ("pryvit, koly vidkryto?"): read back in Cyrillic.

Residents without a Cyrillic keyboard write Ukrainian the way the national romanisation (and
its common variants) spells it. A message counts as such when at least two of its words, read
back, are Ukrainian words of ours that no Latin-script language of ours knows; then each word
that reads back as a Ukrainian word of ours is replaced, and names stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from conversations.understanding.text import fold

# Longest first: "shch" before "sh" and "ch", "zh" before "z".
_LETTERS = (
    ("shch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("iu", "ю"),
    ("ya", "я"),
    ("ia", "я"),
    ("ye", "є"),
    ("ie", "є"),
    ("yo", "йо"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("w", "в"),
    ("h", "г"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("y", "и"),
    ("i", "і"),
    ("j", "й"),
    ("k", "к"),
    ("q", "к"),
    ("c", "ц"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("x", "кс"),
)
_BY_FIRST: dict[str, list[tuple[str, str]]] = {}  # the letters by their first, in that order
for _latin, _cyrillic in _LETTERS:
    _BY_FIRST.setdefault(_latin[0], []).append((_latin, _cyrillic))
_VOWELS = frozenset("aeiouy")
# Words the letters alone spell without their soft sign.
_WHOLE = {"sohodni": "сьогодні", "sogodni": "сьогодні"}
# The soft sign after these is left out ("zapyshit", "den", "bud"): read with and without it.
_SOFTENED = frozenset("тнлсцдз")
# One-letter words: said beside the others, never counted as Ukrainian on their own.
_PREPOSITIONS = {"v": "в", "u": "у", "z": "з", "i": "і"}
_LATIN_WORD = re.compile(r"[a-zA-Z]+")
MIN_WORDS = 2  # Ukrainian words no Latin-script language of ours knows


def readings(word: str) -> tuple[str, ...]:
    """A lower-case Latin word's readings as romanised Ukrainian, as spelled first
    ("pratsiuie": "працює"; "zapyshit": "запишіт", "запишіть")."""
    plain = to_cyrillic(word)
    return (plain, plain + "ь") if plain[-1:] in _SOFTENED else (plain,)


def to_cyrillic(word: str) -> str:
    """A lower-case Latin word read letter by letter as romanised Ukrainian."""
    if word in _WHOLE:
        return _WHOLE[word]
    out: list[str] = []
    i = 0
    while i < len(word):
        rest = word[i:]
        before = word[i - 1] if i else ""
        if rest in ("yi", "yy", "iy"):  # "dobryi", "yakyy": the adjective's ending
            out.append("ий" if rest != "iy" else "ій")
            break
        if rest.startswith("yi") and i == 0:  # "yikhaty": ї at the start
            out.append("ї")
            i += 2
            continue
        if rest[0] == "i" and before in _VOWELS and (len(rest) == 1 or rest[1] not in _VOWELS):
            out.append("й")  # "naiblyzhchyi", "moi"
            i += 1
            continue
        for latin, cyrillic in _BY_FIRST.get(rest[0], ()):
            if rest.startswith(latin):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(rest[0])
            i += 1
    return "".join(out)


def from_latin(
    raw: str,
    knows_ukrainian: Callable[[str], bool],
    knows_latin: Callable[[str], bool],
    names: Collection[str] = (),
) -> str | None:
    """The message with its romanised Ukrainian words in Cyrillic, or None when it is not
    romanised Ukrainian (already Cyrillic, another language, or too few words to tell)."""
    if re.search(r"[^\x00-\x7f]", raw):
        return None
    found = []
    only_ours = 0
    for m in _LATIN_WORD.finditer(raw):
        word = m.group().lower()
        if word in names:
            continue
        if word in _PREPOSITIONS:
            found.append((m.start(), m.end(), _PREPOSITIONS[word]))
            continue
        known = [c for c in readings(word) if len(word) > 1 and knows_ukrainian(fold(c))]
        if known:
            found.append((m.start(), m.end(), known[0]))
            if not knows_latin(word):
                only_ours += 1
    if only_ours < MIN_WORDS:
        return None
    text = raw
    for start, end, cyrillic in reversed(found):
        text = text[:start] + cyrillic + text[end:]
    return text
