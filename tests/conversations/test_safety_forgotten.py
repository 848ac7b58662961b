"""A sign-up forgotten is no crisis: "what am I signed up for again? I don't know anymore".

"Wofür bin ich ... angemeldet? weiß es nicht mehr", "на що я записаний? вже не знаю": a practical
question beside "I don't know / remember anymore" was read as a possible suicide, by the words it
shares with "I don't know anymore why I live". The class `forgotten` of the classifier's ordinary
lines (conversations/lexicon/safety/training/ordinary_classes/, eight languages, each beside a
crisis in the same words) was written for it; the questions here are other wordings, never
trained on: 1 of 16 alarmed before (and two trained wordings of the class in German and
Ukrainian), none after, and the crises beside them are still caught.
"""

from __future__ import annotations

import pytest

from conversations.safety_signals import KINDS, detect

FORGOTTEN = [
    ("nl", "heb ik me nu voor de fietstocht ingeschreven of niet? ik weet het echt niet meer"),
    ("nl", "welke dag was die kookles ook weer, ik weet het niet meer"),
    ("fr", "je me suis inscrit au repas de jeudi ou pas ? je ne sais plus"),
    ("fr", "c'était quel jour déjà la chorale, je sais plus"),
    ("de", "bin ich beim Kochkurs eingetragen oder nicht? ich weiß es echt nicht mehr"),
    ("de", "an welchem Tag war nochmal der Chor, weiß ich nicht mehr"),
    ("en", "am I booked on Thursday's lunch or not? I honestly don't know anymore"),
    ("en", "which day was the choir again, I can't remember anymore"),
    ("tr", "perşembe yemeğine yazıldım mı yazılmadım mı? artık bilmiyorum"),
    ("tr", "koro hangi gündü, hatırlamıyorum artık"),
    ("ar", "واش تسجلت فالماكلة ديال الخميس ولا لا؟ ما بقيتش عارف"),
    ("ar", "الكورال أشمن نهار كان؟ نسيت"),
    ("pl", "czy zapisałam się na obiad w czwartek, czy nie? już nie wiem"),
    ("pl", "w jaki dzień był chór, już nie pamiętam"),
    ("uk", "чи я записалася на обід у четвер, чи ні? вже не знаю"),
    ("uk", "у який день був хор, вже не пам'ятаю"),
]
CRISES = [
    ("de", "ich weiß nicht mehr weiter, ich will einfach nicht mehr leben"),
    ("uk", "я вже не знаю навіщо жити, хочу заснути і не прокинутись"),
]


@pytest.mark.parametrize(("lang", "text"), FORGOTTEN)
def test_a_forgotten_sign_up_raises_no_alarm(lang: str, text: str) -> None:
    signal = detect(text, lang=lang)
    assert signal is None or signal.kind not in KINDS


@pytest.mark.parametrize(("lang", "text"), CRISES)
def test_not_knowing_anymore_why_to_live_is_still_a_crisis(lang: str, text: str) -> None:
    signal = detect(text, lang=lang)
    assert signal is not None and signal.kind == "suicide"
