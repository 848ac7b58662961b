"""Dutch data names inside a French, Arabic or Turkish reply keep the sentence grammatical.

A centre, activity or organisation without a translation is shown as written
("Ontmoetingscentrum De Linde"). Grammar that glues to the name then breaks: French "à", "de",
"par" want an article ("au centre"), Arabic writes بـ/لـ onto the next word, Turkish puts case
endings on the name. The catalogs use forms where the name stands alone ("lieu : {centre}",
"au centre ({centre})").
"""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from conversations.i18n import LOCALES_DIR, I18n

DUTCH = "Ontmoetingscentrum De Linde"
NAMES = ("centre", "title", "activity", "organisation")
# What may not stand right before a bare name, per language.
GLUED = {
    "fr": re.compile(r"(?:\b(?:à|de|par)|\bd')\s*" + re.escape(DUTCH)),
    "ar": re.compile(r"(?:بـ|لـ)\s*" + re.escape(DUTCH)),
    "tr": re.compile(re.escape(DUTCH) + r"['’]\w"),
}
# Activity titles after French "à"/"de" read fine for most names ("inscription à Kerstlunch");
# the centre and organisation names are the ones that are a noun with its own article.
CHECKED = {"fr": ("centre",), "ar": NAMES, "tr": NAMES}


def _templates() -> list[str]:
    with open(LOCALES_DIR / "messages.pot", "rb") as f:
        return [m.id for m in read_po(f) if isinstance(m.id, str) and m.id]


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "1"


@pytest.mark.parametrize("lang", sorted(GLUED))
def test_a_dutch_name_in_a_foreign_sentence_stands_alone(lang: str) -> None:
    tr = I18n("BE").get(lang)
    broken = []
    for template in _templates():
        for name in CHECKED[lang]:
            if "{" + name + "}" not in template:
                continue
            values = _Blank({name: DUTCH})
            shown = tr.gettext(template).format_map(values)
            if GLUED[lang].search(shown):
                broken.append(shown)
    assert broken == []


def test_the_french_centre_reply_reads_au_centre_not_a_centre() -> None:
    shown = (
        I18n("BE").get("fr").gettext("Please phone {centre}: {phone}. Maybe they can still help.")
    )
    assert "le centre (" + DUTCH + ")" in shown.format(centre=DUTCH, phone="059 00 10 01")
