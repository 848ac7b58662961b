"""Real words one letter from a crisis word, found from the most common words of each language.

The patterns read a word one edit away from a crisis word as its typo, so that "sucidal" is
still "suicidal". Common words of the eight languages were checked against every one-word
crisis pattern; those that are other words ("painted" is no "fainted", "loose" no "noose", the
Arabic "أنتظر" (I wait) no "انتحر", the Polish "zatrudnienia" (employment) no "zatruł", the
German "Papst" no "japst") are `known` in conversations/lexicon/safety/*.yaml. On main all 19
calm rows below alarmed ("I'm at a loose end, anything on?" as a suicide); the crises beside
them, in the same crisis words, stay crises.
"""

from __future__ import annotations

import pytest

from conversations.safety_signals import KINDS, detect

CALM = [
    ("ar", "أنتظر ردكم بخصوص موعد الحلاق"),
    ("ar", "ينتظر ابني الحافلة كل يوم، هل عندكم نشاط للأطفال؟"),
    ("ar", "أحب الأغاني القديمة، هل هناك جوقة؟"),
    ("ar", "دفعنا الاشتراك أمس، هل وصل؟"),
    ("pl", "szukam pomocy w sprawie zatrudnienia, gdzie iść?"),
    ("pl", "mój syn szuka zatrudnienia, czy macie doradcę?"),
    ("tr", "yaygın bir sorun mu bu, fatura çok yüksek"),
    ("tr", "sayın yetkili, saygın bir kurum olarak bize yardım eder misiniz"),
    ("en", "is the sitting room open on sunday?"),
    ("en", "my trousers are loose, is there a sewing café?"),
    ("en", "I'm at a loose end this afternoon, anything on?"),
    ("en", "my wife painted the cards herself, can she sell them at the market?"),
    ("en", "is the goose on the christmas menu?"),
    ("de", "der Papst kommt nach Belgien, ist das Zentrum trotzdem offen?"),
    ("de", "wir lachen gern über Witze und Witzen, gibt es einen Spieleabend?"),
    ("nl", "is er een zitting van het pensioenloket volgende week?"),
    ("nl", "de ritten met de seniorenbus, wanneer zijn die?"),
    ("fr", "on part en Malaisie en mars, vous avez des cours d'anglais ?"),
    ("fr", "le délai est écoulé, je peux encore m'inscrire au repas ?"),
]

CRISES = [
    ("en", "my husband fainted in the kitchen and he isn't waking up"),
    ("en", "I bought a noose, I can't go on"),
    ("ar", "ابني يقول إنه سينتحر الليلة"),
    ("ar", "زوجي يضربني كل يوم"),
    ("pl", "mama się zatruła tabletkami, nie mogę jej dobudzić"),
    ("tr", "annem bayıldı, uyanmıyor"),
    ("de", "mein Mann ist umgekippt und atmet kaum"),
    ("nl", "mijn vader is flauwgevallen en reageert niet"),
    ("fr", "ma mère s'est évanouie et ne répond plus"),
    ("uk", "чоловік знепритомнів і не дихає"),
]


@pytest.mark.parametrize(("lang", "text"), CALM)
def test_a_common_word_near_a_crisis_word_raises_no_alarm(lang: str, text: str) -> None:
    signal = detect(text, lang=lang)
    assert signal is None or signal.kind not in KINDS, signal.explain()


@pytest.mark.parametrize(("lang", "text"), CRISES)
def test_the_crisis_words_themselves_still_alarm(lang: str, text: str) -> None:
    signal = detect(text, lang=lang)
    assert signal is not None and signal.kind in KINDS and not signal.possible, text
