"""Words that answer a question on their own: yes, no, numbers, nobody, in the eight languages.

The form engine (conversations/forms.py) reads typed answers with them, and the safety check
(conversations/safety_signals.py) knows that a message of only such words ("ja", "evet", "tak")
is an answer to our question, not something its trained classifier can judge.
"""

from __future__ import annotations

import re

from conversations.understanding.text import fold

_WORDS = re.compile(r"\w+")

# Yes and no in the eight languages, folded (lower case, no accents).
YES = frozenset(
    [
        "ja",
        "jawel",
        "graag",
        "zeker",
        "oke",
        "ok",
        "okay",
        "prima",
        "goed",
        "akkoord",
        "oui",
        "ouais",
        "daccord",
        "accord",
        "bien",
        "volontiers",
        "jawohl",
        "gerne",
        "genau",
        "einverstanden",
        "yes",
        "yeah",
        "yep",
        "sure",
        "please",
        "fine",
        "evet",
        "tamam",
        "olur",
        "peki",
        "tabii",
        "نعم",
        "اجل",
        "ايوه",
        "موافق",
        "tak",
        "dobrze",
        "zgoda",
        "prosze",
        "так",
        "добре",
        "звісно",
        "згоден",
        "згодна",
    ]
)
NO = frozenset(
    [
        "nee",
        "neen",
        "niet",
        "geen",
        "liever",
        "non",
        "pas",
        "nein",
        "nicht",
        "kein",
        "keine",
        "no",
        "nope",
        "not",
        "hayir",
        "yok",
        "istemiyorum",
        "لا",
        "nie",
        "ні",
        "не",
    ]
)
NUMBER_WORDS: dict[str, int] = {}
for _number, _words in enumerate(
    (
        "nul zero null sifir صفر нуль",
        "een één eén un une eins ein eine one bir واحد jeden jedna один одна",
        "twee deux zwei two iki اثنان اثنين dwa dwie два дві",
        "drie trois drei three uc ثلاثة ثلاث trzy три",
        "vier quatre four dort اربعة اربع cztery чотири",
        "vijf cinq funf five bes خمسة خمس piec пять",
        "zes six sechs alti ستة ست szesc шість",
        "zeven sept sieben seven yedi سبعة سبع siedem сім",
        "acht huit eight sekiz ثمانية ثمان osiem вісім",
        "negen neuf neun nine dokuz تسعة تسع dziewiec девять",
        "tien dix zehn ten on عشرة عشر dziesiec десять",
    )
):
    for _word in _words.split():
        NUMBER_WORDS.setdefault(fold(_word), _number)
NOBODY = frozenset(
    [
        "niemand",
        "geen",
        "none",
        "nobody",
        "personne",
        "aucun",
        "keiner",
        "hic",
        "kimse",
        "nikt",
        "nikogo",
        "нікого",
        "ніхто",
    ]
)


def is_plain_answer(text: str) -> bool:
    """Whether a message is only answer words: "ja", "evet graag", "2", "twee", "nee", "👍"."""
    words = [w for w in _WORDS.findall(fold(text))]
    if not words:
        return text.strip() in ("👍", "👎")
    known = YES | NO | NOBODY
    return len(words) <= 3 and all(w in known or w in NUMBER_WORDS or w.isdigit() for w in words)
