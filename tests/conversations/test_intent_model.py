"""The intent model: masked words, the weight file, and where it may override the rules.

The bot reads with the shipped weights and takes the model's intent where the rules are short
of a clear phrase and the model is very sure (`intent_model.SHIPPED`; README "A trained intent
model"). The behaviour tests train a tiny model of their own sentences, so they say what
arbitration does whatever the shipped weights have learnt.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conversations.understanding import Understander
from conversations.understanding import intent_model as im
from conversations.understanding import intent_training as it
from data import DEMO_ORGANISATIONS, demo_path
from storage.datafile import load_organisation

NOW = datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Europe/Brussels"))
LINDEVELD = Path(__file__).parent / "data" / "lindeveld.yaml"  # an invented organisation


@pytest.fixture(scope="module")
def oostende():
    return load_organisation(demo_path("oostende"))


def _opinion(**probabilities: float) -> im.Opinion:
    rest = (1.0 - sum(probabilities.values())) / (len(im.CLASSES) - len(probabilities))
    return im.Opinion({c: probabilities.get(c, rest) for c in im.CLASSES}, ("feature",))


def test_names_of_ours_become_placeholders_so_the_model_carries_over(oostende) -> None:
    reader = Understander(oostende, intent_model=None)
    words = reader.understand("Gaat Zandvoorde donderdag om 9 uur open?", now=NOW).model_words
    assert "zandvoorde" not in words
    assert im.PLACE in words and im.NUMBER in words
    assert "@centre" in words and "@date" in words  # what the rules found, as words
    booking = reader.understand("ik wil 3 plaatsen voor de Kerstlunch", now=NOW).model_words
    assert im.NUMBER in booking and "3" not in booking


def test_the_weight_file_reads_back_the_same_opinions() -> None:
    words = [("waar", "eet", "ik", "vis"), ("wanneer", "is", im.PLACE, "open"), ("dank", "je")]
    labels = ["unknown", "opening_hours", "thanks"]
    model = it.train(words, labels, digest="test")
    again = im.IntentModel.from_bytes(model.to_bytes())
    assert again.digest == "test"
    for w in words:
        assert again.opinion(w).probabilities == model.opinion(w).probabilities
    assert again.opinion(("wanneer", "open", im.PLACE)).best == "opening_hours"
    with pytest.raises(ValueError):
        im.IntentModel.from_bytes(b"something else")


def test_a_confident_out_of_scope_opinion_vetoes_an_intent_only_when_asked_to() -> None:
    opinion = _opinion(unknown=0.9, opening_hours=0.05)
    keywords = {"opening_hours": 1.2}
    kept = im.arbitrate("opening_hours", 0.6, keywords, opinion, im.Arbitration())
    assert kept == ("opening_hours", 0.6, "")
    intent, confidence, why = im.arbitrate(
        "opening_hours", 0.6, keywords, opinion, im.Arbitration(veto=0.8)
    )
    assert (intent, confidence) == ("unknown", 0.0)
    assert "out of scope" in why and "unknown 0.90" in why and "'feature'" in why
    unsure = _opinion(unknown=0.7, opening_hours=0.2)
    assert im.arbitrate("opening_hours", 0.6, keywords, unsure, im.Arbitration(veto=0.8))[0] == (
        "opening_hours"
    )


def test_a_confident_opinion_answers_only_where_the_rules_found_no_clear_wish() -> None:
    opinion = _opinion(service_desk=0.95)
    rules = im.Arbitration(rescue=0.9, rescue_below=0.35)
    assert im.arbitrate("unknown", 0.0, {}, opinion, rules)[0] == "service_desk"
    assert im.arbitrate("activities", 0.3, {}, opinion, rules)[0] == "service_desk"
    assert im.arbitrate("activities", 0.5, {}, opinion, rules)[0] == "activities"


def test_the_model_only_chooses_among_intents_the_rules_phrases_named() -> None:
    opinion = _opinion(help_request=0.7, service_desk=0.2, signup=0.05)
    rules = im.Arbitration(choose=0.3)
    both = {"service_desk": 1.1, "help_request": 0.9}
    intent, _, why = im.arbitrate("service_desk", 0.4, both, opinion, rules)
    assert intent == "help_request" and why.startswith("service_desk or help_request")
    assert im.arbitrate("service_desk", 0.4, {"service_desk": 1.1}, opinion, rules)[0] == (
        "service_desk"
    )


def test_the_understander_overrides_and_says_why_with_a_model_and_rules_given(oostende) -> None:
    # A tiny model of our own sentences: eating fish is nothing of ours.
    sentences = {
        "unknown": ["waar kan ik lekker vis eten", "vis eten aan zee", "goede vis in de stad"],
        "activities": ["wat is er te doen", "welke activiteiten zijn er", "is er iets te doen"],
    }
    reader = Understander(oostende, intent_model=None)
    words, labels = [], []
    for label, texts in sentences.items():
        for text in texts:
            words.append(reader.understand(text, now=NOW).model_words)
            labels.append(label)
    model = it.train(words, labels)
    question = "Waar kan ik vis eten op zondag?"
    rules_alone = Understander(oostende, intent_model=model)  # no arbitration: the rules'
    vetoing = Understander(oostende, intent_model=model, arbitration=im.Arbitration(veto=0.6))
    plain = rules_alone.understand(question, now=NOW)
    assert plain.why == ""
    assert (
        plain.intent
        == Understander(oostende, intent_model=None).understand(question, now=NOW).intent
    )
    assert plain.intent == "activities"  # the rules read "eten" as our meals
    vetoed = vetoing.understand(question, now=NOW)
    assert vetoed.intent == "unknown" and "out of scope" in vetoed.why
    assert vetoing.understand("Wat is er te doen in Stene?", now=NOW).intent == "activities"


def test_written_examples_cover_every_language_and_name_real_intents() -> None:
    examples = it.written_examples()
    languages = {e.lang for e in examples if e.source.endswith(".yaml")}
    assert languages == {"nl", "fr", "de", "en", "tr", "ar", "pl", "uk"}
    assert {e.label for e in examples} <= set(im.CLASSES)
    assert sum(e.label == "unknown" for e in examples) >= 8 * 20


def test_the_model_also_learns_from_the_batteries_and_the_residents_messages() -> None:
    """Our class batteries (the boundaries the rules draw) and the messages other writers wrote
    for the model are training files: every row names an intent the bot has and an
    organisation the training can read, in all eight languages."""
    files = it.labelled_files().values()
    assert sum(p.parent == it.BATTERIES for p in files) >= 40
    residents = [p for p in files if p.parent == it.RESIDENTS]
    assert len(residents) == 27
    for path in residents:
        examples = it.set_examples(path)
        assert len(examples) == 320, path.name
        assert {e.label for e in examples} <= set(im.CLASSES)
        assert {e.lang for e in examples} == {"nl", "fr", "de", "en", "tr", "ar", "pl", "uk"}
        assert all(Path(e.org).is_file() or e.org in DEMO_ORGANISATIONS for e in examples)


def test_shipped_weights_are_trained_on_the_current_question_sets() -> None:
    """The weight file the bot loads was written from the question sets and written examples
    as they are now, for the features of this code."""
    shipped = im.load_model()
    assert shipped is not None, "no intent weights: run make intent-model"
    assert shipped.digest == it.training_digest(it.training_files()), (
        "conversations/lexicon/intents/classifier.bin is older than the question sets, the"
        " written examples or the training settings: run make intent-model"
    )
    assert {p.parent.name for p in it.question_sets().values()} == {"eval", "blind", "dev"}


def test_the_bot_reads_with_the_shipped_model_and_clear_questions_keep_their_reading(
    oostende,
) -> None:
    reader = Understander(oostende)
    assert reader.intent_model is im.load_model() and reader.arbitration == im.SHIPPED
    # Clear questions keep the rules' reading, in every language.
    for text, intent in [
        ("Is Zandvoorde donderdag open?", "opening_hours"),
        ("Est-ce que Stene est ouvert jeudi ?", "opening_hours"),
        ("Ich möchte mich für den Kochkurs anmelden", "signup"),
        ("How can I become a volunteer?", "volunteer"),
        ("Czy mogę się wypisać z obiadu?", "cancel_signup"),
        ("Teşekkürler!", "thanks"),
        ("Коли відкривається Стене?", "opening_hours"),
        ("شكرا بزاف", "thanks"),
    ]:
        u = reader.understand(text, now=NOW)
        assert (u.intent, u.why) == (intent, ""), text


# A tiny model of our own sentences, sure of what each says.
_SCHEDULED = {
    "en": "When am I scheduled this month?",
    "fr": "Quand suis-je planifié ce mois-ci ?",
}
_SUPERMARKET = [
    "when does the supermarket close?",
    "wanneer sluit de supermarkt?",
    "quand ferme le supermarché ?",
    "wann schließt der Supermarkt?",
    "o której zamyka się supermarket?",
    "süpermarket ne zaman kapanıyor?",
    "коли зачиняється супермаркет?",
    "فوقاش كيسد السوبرماركت؟",
]
_GREETED_HOURS = "Goeiemorgen, is het centrum zaterdag gewoon open of niet?"
_ROSTERED = "Wanneer ben ik deze maand ingeroosterd?"
_TINY = {
    "shifts": [
        "when am I scheduled next week",
        "am I scheduled on friday",
        "when am I scheduled again",
        "quand suis-je planifié la semaine prochaine",
        "suis-je planifié vendredi",
        "quand suis-je planifié encore",
    ],
    # The supermarket sentences as our opening hours, the greeting as nothing of ours: a model
    # sure of what the rules decided otherwise.
    "opening_hours": _SUPERMARKET,
    "unknown": [_GREETED_HOURS, "het weer morgen", "la météo demain", "der Wetterbericht"],
    "volunteer": [_ROSTERED, "ik wil vrijwilliger worden", "je veux être bénévole"],
}


@pytest.fixture(scope="module")
def tiny_model():
    reader = Understander(load_organisation(LINDEVELD), intent_model=None)
    words, labels = [], []
    for label, texts in _TINY.items():
        for text in texts:
            words.append(reader.understand(text, now=NOW).model_words)
            labels.append(label)
    return it.train(words, labels)


@pytest.fixture(scope="module")
def lindeveld_readers(tiny_model):
    org = load_organisation(LINDEVELD)
    rules = Understander(org, intent_model=None)
    return rules, Understander(org, intent_model=tiny_model, arbitration=im.SHIPPED)


@pytest.mark.parametrize("lang", sorted(_SCHEDULED))
def test_a_question_the_rules_find_nothing_in_gets_the_intent_the_model_is_sure_of(
    lang: str, lindeveld_readers
) -> None:
    rules, shipped = lindeveld_readers
    text = _SCHEDULED[lang]
    assert rules.understand(text, now=NOW).intent == "unknown"
    u = shipped.understand(text, now=NOW)
    assert u.intent == "shifts" and "no clear phrase" in u.why


@pytest.mark.parametrize("text", _SUPERMARKET)
def test_the_model_never_makes_ours_what_the_rules_decided_is_not(
    text: str, lindeveld_readers, tiny_model
) -> None:
    rules, shipped = lindeveld_readers
    words = rules.understand(text, now=NOW).model_words
    assert tiny_model.opinion(words).of("opening_hours") >= 0.9  # the model is sure
    assert shipped.understand(text, now=NOW).intent == "unknown"


def test_a_guess_may_be_vetoed_as_out_of_scope_and_a_clear_reading_never_changed(
    lindeveld_readers, tiny_model
) -> None:
    rules, shipped = lindeveld_readers
    greeted = rules.understand(_GREETED_HOURS, now=NOW)
    assert greeted.intent == "opening_hours" and greeted.confidence < 0.55  # a weak reading
    assert tiny_model.opinion(greeted.model_words).of("unknown") >= 0.9
    # Short of a clear phrase, a model sure it is nothing of ours vetoes the guess (this tiny
    # model was taught so); a clear phrase it never touches.
    assert shipped.understand(_GREETED_HOURS, now=NOW).intent == "unknown"
    rostered = rules.understand(_ROSTERED, now=NOW)
    assert rostered.intent == "shifts" and rostered.confidence >= 0.8  # a clear phrase
    assert tiny_model.opinion(rostered.model_words).of("volunteer") >= 0.9
    assert shipped.understand(_ROSTERED, now=NOW).intent == "shifts"


def test_the_shipped_rules_leave_short_messages_and_decided_readings_to_the_rules() -> None:
    sure = _opinion(service_desk=0.97)
    rules = im.SHIPPED
    # "مساعدة" (help) alone: one word is too little for the model to overrule even a guess.
    assert im.arbitrate("bot_help", 0.3, {}, sure, rules, False, 1)[0] == "bot_help"
    assert im.arbitrate("bot_help", 0.3, {}, sure, rules, False, 3)[0] == "service_desk"
    assert not rules.asks("activities", 0.6, {}, False, 2)  # not even scored
    # An `unknown` the rules reached by an out-of-scope phrase or an outside thing stays.
    assert im.arbitrate("unknown", 0.0, {"unknown": 1.0}, sure, rules, False, 6)[0] == "unknown"
    assert im.arbitrate("unknown", 0.0, {}, sure, rules, True, 6)[0] == "unknown"
    assert im.arbitrate("unknown", 0.0, {}, sure, rules, False, 6)[0] == "service_desk"
    # `unknown` in place of an intent the rules named only short of a clear phrase.
    doubting = _opinion(unknown=0.99)
    assert im.arbitrate("activities", 0.3, {}, doubting, rules, False, 6)[0] == "unknown"
    assert im.arbitrate("activities", 0.8, {}, doubting, rules, False, 6)[0] == "activities"
    # Any reading short of a clear phrase (0.8) yields to a model very sure of another intent;
    # a clear phrase, or a model less than very sure, changes nothing.
    surer = _opinion(service_desk=0.97)
    intent, _, why = im.arbitrate("activities", 0.75, {}, surer, rules, False, 6)
    assert intent == "service_desk" and why.startswith("over the rules' activities")
    assert im.arbitrate("activities", 0.8, {}, surer, rules, False, 6)[0] == "activities"
    assert not rules.asks("activities", 0.8, {}, False, 6)  # not even scored
    unsure = _opinion(service_desk=0.85)
    assert im.arbitrate("activities", 0.3, {}, unsure, rules, False, 6)[0] == "activities"
    fairly_sure = _opinion(service_desk=0.92)  # enough for a guess, not for a reading of 0.7
    assert im.arbitrate("activities", 0.7, {}, fairly_sure, rules, False, 6)[0] == "activities"
