"""Words that quiet a crisis signal count in the message's own language only.

Crisis-raising patterns are tried in every language (people write in the language they think
in), but a word that lowers or cancels a signal — information ("a course", "a film"), the past,
a report, an idiom — counts only in the language of the sentence it stands in. Before, a Dutch
"les" (a lesson) silenced a French "suicide", an English "film" question made a Ukrainian
beating uncertain, and a word that only looks like another language's report word ("mooie" read
as "movie", "grant" as the Dutch "krant", "Dokumente" as the Polish "dokument") left a crisis
to the classifier. The messages are our own wording, in all eight languages.
"""

from __future__ import annotations

import pytest

from conversations.safety_signals import CRISIS, KINDS, detect, find, heard, patterns_detect

# A question in one language with a quieting word (a film, a course), then a crisis in another.
MIXED = [
    ("suicide", "Gibt es einen Erste-Hilfe-Kurs am Dienstag? Je veux mourir."),
    ("violence", "Is er een film op vrijdag? Mój mąż mnie bije i grozi nożem."),
    ("violence", "Is there a film on Friday? Чоловік мене б'є щодня."),
    ("violence", "Y a-t-il un film vendredi ? زوجي يضربني كل يوم"),
    ("violence", "هل يوجد فيلم يوم الجمعة؟ Mijn man slaat me elke dag."),
    ("suicide", "Cuma günü film var mı? Ich will nicht mehr leben."),
    ("suicide", "Czy jest film w piątek? I want to kill myself tonight."),
    ("violence", "Is there a film on Friday? Kocam beni dövüyor ve bıçakla tehdit ediyor."),
    ("suicide", "Чи є фільм у п'ятницю? Je veux mourir ce soir."),
]


@pytest.mark.parametrize(("kind", "text"), MIXED)
def test_a_question_in_another_language_does_not_make_a_crisis_uncertain(
    kind: str, text: str
) -> None:
    """A film or a course asked about in one sentence is no report of the crisis in another."""
    signal = detect(text)
    assert signal is not None and signal.kind == kind and not signal.possible, (text, signal)
    assert signal.hits, "the reason it fired is a pattern, not only the classifier"


# A subject word read by several languages ("suicide", "ambulance") beside a word that is
# information only in a language the message is not written in.
SUBJECT_BESIDE_FOREIGN_INFO = [
    ("suicide", "mon fils parle de suicide avec les copains"),
    ("suicide", "mon ado fait des recherches sur le suicide, j'ai vu les pages sur son téléphone"),
    ("medical", "une ambulance pour les Lilas svp"),
    (
        "suicide",
        "Is there a first aid course on Tuesday? Mon fils parle de suicide tout le temps.",
    ),
    ("suicide", "Is er een cursus op dinsdag? ma fille parle de suicide avec les copines"),
]


@pytest.mark.parametrize(("kind", "text"), SUBJECT_BESIDE_FOREIGN_INFO)
def test_an_information_word_of_another_language_quiets_no_subject(kind: str, text: str) -> None:
    signal = patterns_detect(text)
    assert signal is not None and signal.kind == kind, (text, signal)
    found = detect(text)
    assert found is not None and found.kind == kind, (text, found)


# Words that only look like another language's report word (typo-tolerant reading).
LOOKALIKES = [
    ("suicide", "ik wil niet meer leven, zelfs de mooie dagen zijn zwart"),  # en "movie"
    ("self_harm", "mijn mooie dochter van 16 snijdt zichzelf met een mesje"),
    ("suicide", "they stopped my housing grant and I want to end my life"),  # nl "krant"
    ("violence", "My son spends my care grant and slaps me when I ask for it"),
    ("violence", "mein Enkel nimmt mein Geld und die Dokumente, und er schlägt mich"),  # pl
    ("medical", "the fryer caught fire and my husband is not breathing"),  # de "flyer"
    ("violence", "mąż ma romans, a jak pytam, to mnie bije"),  # nl, fr, de, tr "roman"
]


@pytest.mark.parametrize(("kind", "text"), LOOKALIKES)
def test_a_lookalike_of_another_languages_report_word_leaves_a_crisis_certain(
    kind: str, text: str
) -> None:
    signal = patterns_detect(text)
    assert signal is not None and signal.kind == kind and signal.level == CRISIS, (
        text,
        signal and signal.explain(),
    )


def test_only_the_quieting_words_of_the_sentences_language_are_heard() -> None:
    """Raising patterns of every language stay; a Dutch "les" in French is dropped."""
    text = "mon fils parle de suicide avec les copains"
    hits = find(text)
    kept = heard(hits, text)
    assert any(h.language == "nl" and h.pattern.level == "info" for h in hits)
    assert not any(h.language == "nl" and h.pattern.level == "info" for h in kept)
    raising = [h for h in hits if h.pattern.level in ("crisis", "topic")]
    assert raising and all(h in kept for h in raising)


# What stays quiet: information, the past or a report in the message's own language, also
# when another sentence of the message is in another language.
STILL_QUIET = [
    "Mon père a eu un AVC l'année dernière. Is er een praatgroep voor mantelzorgers?",
    "Mijn vader had vorig jaar een beroerte. Is there a support group for carers?",
    "Is there a talk about suicide prevention for volunteers?",
    "Is er een lezing over zelfmoordpreventie voor vrijwilligers?",
    "Y a-t-il une conférence sur la prévention des chutes et l'AVC ?",
    "Gibt es einen Vortrag über Schlaganfall für Angehörige?",
    "Czy jest wykład o przemocy wobec seniorów?",
    "Babam 2019'da felç geçirdi, şimdi iyi. Bakım verenler için bir grup var mı?",
    "Чи є лекція про профілактику інсульту для доглядачів?",
    "هل هناك محاضرة عن الوقاية من الجلطة؟",
    "We watched a film about domestic violence at the film club, is there a next one?",
    "Ik lach me dood met die quiz, wanneer is de volgende?",
    "ich bin todmüde nach der Wanderung, wann ist die nächste?",
]


@pytest.mark.parametrize("text", STILL_QUIET)
def test_quieting_words_in_the_messages_own_language_still_count(text: str) -> None:
    signal = detect(text)
    assert signal is None or signal.kind not in KINDS, (text, signal.explain())


def test_a_message_whose_words_say_nothing_goes_by_the_conversations_language() -> None:
    """A year alone names no language: the conversation's language decides whose "past"
    counts; without one, every language's does (as before)."""
    text = "2019 !!"
    hits = find(text)
    assert {h.language for h in hits if h.pattern.level == "about"} >= {"nl", "fr", "pl"}
    assert {h.language for h in heard(hits, text, "fr")} == {"fr"}
    assert {h.language for h in heard(hits, text, "ar")} <= {"ar", "fa"}
    assert heard(hits, text) == hits
