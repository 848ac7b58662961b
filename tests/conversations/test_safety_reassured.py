"""Sadness told with its own reassurance is distress, not a crisis (issue 12 §1).

Unseen distress messages alarmed although they said the danger was not there: "I won't do
anything to myself, just a bad winter", "sometimes I wonder why I am still here, then my
granddaughter calls and it's better", "ama korkmayın kendime bir şey yapmam". The classifier
reads the sadness as a suicide. A `reassured` section of each language file (a promise not to
harm oneself, "just a bad week", "then ... it's better") makes a classifier's suicide or
self-harm reading (or a topic word of that kind: "I won't hurt myself") distress; crisis
patterns, a plan or a method beside the reassurance, still count. On main 6 of these 15 calm
rows alarmed and one more was not heard as distress; the crises beside them were and are
caught.
"""

from __future__ import annotations

import pytest

from conversations.safety_signals import DISTRESS, KINDS, detect

REASSURED = [
    (
        "nl",
        "soms vraag ik me af waarvoor ik nog opsta, maar ik ga mezelf niets aandoen hoor, gewoon "
        "een slechte winter",
    ),
    (
        "nl",
        "de avonden zijn zo leeg sinds Mieke weg is, en dan belt mijn dochter en gaat het weer",
    ),
    (
        "en",
        "some days i wonder what the point is, but i won't hurt myself, just a bad patch since "
        "the funeral",
    ),
    ("en", "the flat is so quiet since Tom died, then my grandson rings and i feel better"),
    (
        "de",
        "manchmal frage ich mich, wofür das alles noch, aber keine Angst, ich tue mir nichts an, "
        "nur eine schlechte Woche",
    ),
    (
        "de",
        "seit Gerda tot ist, sind die Sonntage endlos, und dann ruft mein Enkel an und es geht "
        "wieder",
    ),
    (
        "fr",
        "parfois je me demande à quoi bon, mais je ne me ferai rien, c'est juste une mauvaise "
        "passe",
    ),
    (
        "fr",
        "depuis que Marcel est parti la maison est vide, et puis ma petite-fille passe et ça va "
        "mieux",
    ),
    (
        "tr",
        "bazen ne için yaşıyorum diye düşünüyorum ama kendime zarar vermem, sadece zor bir dönem",
    ),
    ("tr", "eşim öldüğünden beri evler çok sessiz, sonra torunum arıyor ve geçiyor"),
    ("ar", "أحيانا كنسول راسي علاش باقي عايش، ولكن ما غاديش نضر راسي، غير سيمانة خايبة"),
    ("pl", "czasem myślę, po co to wszystko, ale nic sobie nie zrobię, po prostu gorszy okres"),
    ("pl", "od śmierci męża wieczory są długie, ale potem dzwoni wnuczka i jest lżej"),
    ("uk", "іноді думаю, навіщо все це, але я собі нічого не зроблю, просто важкий період"),
    ("uk", "відколи чоловіка нема, вечори порожні, а потім дзвонить онука і легше"),
]
CRISES = [
    (
        "nl",
        "ik zeg wel dat ik mezelf niets ga aandoen, maar ik heb de pillen al gespaard voor "
        "zaterdag",
    ),
    (
        "en",
        "i told my daughter i won't hurt myself, but i have saved up my pills and i want to die",
    ),
    (
        "de",
        "ich sage allen, ich tue mir nichts an, aber ich habe die Tabletten gesammelt und will "
        "sterben",
    ),
    ("fr", "je dis que je ne me ferai rien, mais j'ai gardé les cachets et je veux mourir"),
    ("tr", "kendime bir şey yapmam diyorum ama hapları biriktirdim, ölmek istiyorum"),
    ("ar", "قلت ليهم ما غاديش نضر راسي، ولكن جمعت الدوا وبغيت نموت"),
    ("pl", "mówię, że nic sobie nie zrobię, ale zbieram tabletki i chcę umrzeć"),
    ("uk", "кажу, що нічого собі не зроблю, але збираю таблетки і хочу померти"),
    ("en", "just a bad week, he hit me again and i am scared he will kill me"),
]


@pytest.mark.parametrize(("lang", "text"), REASSURED)
def test_sadness_with_its_own_reassurance_is_distress(lang: str, text: str) -> None:
    signal = detect(text, lang=lang)
    assert signal is not None and signal.kind == DISTRESS, (
        None if signal is None else signal.explain()
    )


@pytest.mark.parametrize(("lang", "text"), CRISES)
def test_a_plan_or_a_threat_beside_a_reassurance_is_a_crisis(lang: str, text: str) -> None:
    signal = detect(text, lang=lang)
    assert signal is not None and signal.kind in KINDS and not signal.possible, text
