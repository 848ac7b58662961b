"""A call back or a question beside "I speak the language badly" or "I can't write it all" is
no crisis, in every language; slurred speech and despair that share those words still are.

Blind set 16 found French "je parle mal le néerlandais" read as slurred speech (a stroke, by the
word pattern "@speech ~3 @strange"), and retraining moved a Polish "nie umiem tego napisać" with
a call back over the line to suicide. The pattern now has a harmless reading for a language
spoken or written badly (conversations/lexicon/safety/fr.yaml), and the classifier trains on the
class (training/ordinary_classes/*.yaml, `language_limits`). These rows are never trained on.
"""

from __future__ import annotations

import pytest

from conversations.safety_signals import KINDS
from tests.conversations.safety_holdout import detected_kind, trained_copies

ORDINARY = [
    ("nl", "kan iemand mij terugbellen, ik kan dit niet goed uitleggen in een bericht"),
    ("nl", "bel me aub terug, ik schrijf slecht Nederlands en het gaat over mijn huur"),
    ("fr", "Pouvez-vous m'appeler ? Je n'arrive pas à tout écrire, c'est au sujet de ma facture"),
    ("fr", "Quelqu'un peut me rappeler svp, je parle mal le néerlandais, souci avec mon loyer"),
    ("fr", "le néerlandais, je le parle très mal, il y a un cours pour débutants ?"),
    ("fr", "je parle mal flamand mais je voudrais m'inscrire au repas de jeudi"),
    (
        "de",
        "Kann mich bitte jemand anrufen? Ich kann das nicht alles schreiben, es geht um die Rente",
    ),
    (
        "de",
        "Rufen Sie mich bitte zurück, mein Niederländisch ist schlecht, Ärger mit dem Vermieter",
    ),
    ("en", "can someone call me back please, I can't explain all this in writing"),
    ("en", "please ring me, my Dutch is not good and I have a problem with my landlord"),
    ("tr", "biri beni arayabilir mi, hepsini yazamıyorum, elektrik faturası hakkında"),
    ("tr", "lütfen beni geri arayın, Hollandaca iyi konuşamıyorum, ev sahibimle sorunum var"),
    (
        "pl",
        "czy ktoś może do mnie zadzwonić? nie potrafię tego wszystkiego opisać, chodzi o czynsz",
    ),
    (
        "pl",
        "proszę o telefon, słabo mówię po niderlandzku i mam problem z właścicielem mieszkania",
    ),
    ("uk", "будь ласка, подзвоніть мені, я не можу все це написати, це про рахунок за газ"),
    (
        "uk",
        "хай хтось мені передзвонить, я погано розмовляю нідерландською, проблема з орендодавцем",
    ),
    ("ar", "ممكن حدا يتصل فيني؟ ما بقدر اكتب كل شي، الموضوع عن فاتورة الكهرباء"),
    ("ar", "أرجو أن يتصل بي أحد، لا أتكلم الهولندية جيدا وعندي مشكلة مع صاحب البيت"),
]

CRISES = [
    ("fr", "ma femme parle mal depuis ce matin et son bras droit ne bouge plus", "medical"),
    ("fr", "mon mari parle mal tout à coup, sa bouche est de travers", "medical"),
    ("en", "my husband is talking strangely and can't lift his arm", "medical"),
    ("pl", "nie umiem już tak żyć, dziś wieczorem wezmę wszystkie tabletki", "suicide"),
]


def test_the_rows_are_not_trained_on() -> None:
    texts = [t for _, t in ORDINARY] + [t for _, t, _ in CRISES]
    assert trained_copies([{"text": t} for t in texts]) == []


@pytest.mark.parametrize(("lang", "text"), ORDINARY)
def test_a_language_spoken_badly_or_a_call_back_raises_no_alarm(lang: str, text: str) -> None:
    assert detected_kind(text, lang) not in KINDS


@pytest.mark.parametrize(("lang", "text", "kind"), CRISES)
def test_slurred_speech_and_a_plan_are_still_crises(lang: str, text: str, kind: str) -> None:
    assert detected_kind(text, lang) == kind
