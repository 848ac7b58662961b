"""Crisis detection measured on development examples in every language (safety_examples/*.yaml).

The examples are messages as residents write them (typos, words in between, run-ons, a crisis
inside another question) and hard negatives that only sound alarming. The patterns are tuned on
these; the held-out set in tests/eval measures them on messages written without seeing them.
"""

from __future__ import annotations

import gc
import json
import tracemalloc
from pathlib import Path

import pytest
import yaml

from conversations.safety_signals import (
    DISTRESS,
    KINDS,
    SAFETY_DIR,
    detect,
    explain,
    load_signals,
)
from storage.model import LANGUAGES
from tests.conversations.safety_classes import class_examples

EXAMPLES = Path(__file__).resolve().parent / "safety_examples"


def _examples() -> dict[str, dict]:
    """Every language's examples, the round-two class examples merged in."""
    examples = {
        lang: yaml.safe_load((EXAMPLES / f"{lang}.yaml").read_text(encoding="utf-8"))
        for lang in LANGUAGES
        if (EXAMPLES / f"{lang}.yaml").exists()
    }
    for lang, _name, kind, text in class_examples():
        data = examples[lang]
        if kind in KINDS:
            data["crisis"].setdefault(kind, []).append(text)
        else:
            data[kind].append(text)
    return examples


def _crises() -> list[tuple[str, str, str]]:
    return [
        (lang, kind, text)
        for lang, data in _examples().items()
        for kind, texts in data["crisis"].items()
        for text in texts
    ]


def _harmless() -> list[tuple[str, str]]:
    return [(lang, text) for lang, data in _examples().items() for text in data["none"]]


def _distress() -> list[tuple[str, str]]:
    return [(lang, text) for lang, data in _examples().items() for text in data["distress"]]


def test_every_language_has_examples_of_every_kind_and_hard_negatives() -> None:
    examples = _examples()
    assert set(examples) == set(LANGUAGES)
    for lang, data in examples.items():
        assert set(data["crisis"]) == set(KINDS), lang
        assert sum(len(t) for t in data["crisis"].values()) >= 20, lang
        assert len(data["none"]) >= 15, lang
        assert data["distress"], lang


def test_nearly_every_crisis_is_caught_in_every_language() -> None:
    crises = _crises()
    missed = [(lang, text) for lang, _kind, text in crises if not _is_crisis(text)]
    assert len(missed) / len(crises) <= 0.03, missed
    for lang in _examples():
        mine = [c for c in crises if c[0] == lang]
        assert sum(1 for m in missed if m[0] == lang) / len(mine) <= 0.1, lang


def test_the_kind_of_crisis_is_mostly_right() -> None:
    crises = _crises()
    wrong = [(kind, text) for _lang, kind, text in crises if _kind(text) != kind]
    assert len(wrong) / len(crises) <= 0.1, wrong


def test_messages_that_only_sound_alarming_raise_few_alarms() -> None:
    harmless = _harmless()
    alarms = [(lang, text, explain(text)) for lang, text in harmless if _is_crisis(text)]
    assert len(alarms) / len(harmless) <= 0.03, alarms


def test_loneliness_and_grief_are_heard_as_distress() -> None:
    distress = _distress()
    heard = [text for _lang, text in distress if _kind(text) == DISTRESS]
    assert len(heard) / len(distress) >= 0.8


@pytest.mark.parametrize(
    ("text", "pattern_words"),
    [
        ("i want to kil myself", "kill"),
        ("ik wil eigenlijk niet meer leven", "@live"),
        ("I fell and I can't get up", "@fell"),
    ],
)
def test_why_a_message_fired_can_be_told(text: str, pattern_words: str) -> None:
    signal = detect(text)
    assert signal is not None and signal.crisis
    assert any(pattern_words in line for line in signal.explain())


def test_the_pattern_tables_stay_small_in_the_bot() -> None:
    """Every language's patterns with their typo look-ups cost a few MB, not the 27 MB that
    sets of one-letter deletions did (the bot must stay under 100 MB)."""
    load_signals()  # the understanding lexicon it reads is loaded and cached before measuring
    gc.collect()
    tracemalloc.start()
    try:
        lex = load_signals.__wrapped__(SAFETY_DIR)
        gc.collect()
        kept, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(lex.patterns) > 1000
    # Measured 7.9 MB (27.6 MB before the compact look-ups and shared slots).
    assert kept < 12_000_000, kept


def _kind(text: str) -> str | None:
    signal = detect(text)
    return None if signal is None else signal.kind


def _is_crisis(text: str) -> bool:
    return _kind(text) in KINDS


def test_the_ordinary_questions_of_the_understanding_sets_raise_no_alarm() -> None:
    # Written for the understanding, not for safety: a false-alarm check we did not tune on.
    root = Path(__file__).resolve().parents[1] / "eval"
    texts = [
        json.loads(line)["text"]
        for name in ("questions_dev.jsonl", "questions_heldout.jsonl")
        for line in (root / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(texts) > 400
    alarms = [text for text in texts if _is_crisis(text)]
    assert len(alarms) / len(texts) <= 0.01, alarms


@pytest.mark.parametrize(
    "text",
    [
        "on the radio they said a man was stabbed near the station, is the bus running",
        "the film at the club showed a man hanging himself, too much for me",
        "ik had vorig jaar een hartaanval, nu gaat het goed, mag ik mee fietsen",
    ],
)
def test_a_crisis_told_as_a_report_or_an_old_story_raises_no_alarm(text: str) -> None:
    """News, a film, a past that is over: the crisis words are checked by the classifier."""
    assert not _is_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "I used to cut myself years ago and last night I cut again, the urge is back",
        "I saw the news and now I want to kill myself tonight",
        "vroeger sloeg mijn man me, nu slaat hij me weer elke dag",
    ],
)
def test_a_crisis_beside_news_or_the_past_is_still_a_crisis(text: str) -> None:
    signal = detect(text)
    assert signal is not None and signal.crisis and not signal.possible


@pytest.mark.parametrize(
    "text",
    [
        "the computer will kill me one day, can someone have a look",
        "الحر قتلني اليوم، واش القاعة فيها الكليماتيزور؟",
        "je meurs de froid, il fait chaud dans la salle ?",
        "mon fils ne répond pas au téléphone, vous avez le numéro du guichet ?",
    ],
)
def test_idioms_and_an_unanswered_phone_are_no_crisis(text: str) -> None:
    assert not _is_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "mijn vader had in 2019 een beroerte, is er een praatgroep voor mantelzorgers",
        "Meine Mutter hatte 2015 einen Schlaganfall, darf sie zum Seniorentanz?",
        "babam 2017'de kalp krizi geçirdi, yürüyüş grubuna katılabilir mi",
        "my dad had a stroke in 2021, is there a carers' café",
    ],
)
def test_a_year_puts_an_illness_in_the_past(text: str) -> None:
    """A year beside a stroke or a heart attack tells of the past: no alarm, and why."""
    assert not _is_crisis(text)
    assert any(":about:" in line for line in explain(text))


@pytest.mark.parametrize(
    "text",
    [
        "deze hitte wordt nog mijn dood, is er ijs bij de koffie?",
        "Diese Kälte bringt mich noch um, ist der Saal geheizt?",
        "bu soğuklar beni bitirecek, çay var mı",
        "цей мороз мене доконає, в центрі тепло?",
        "ten upał mnie wykończy, czy jest woda na wycieczce",
        "البرد غادي يموتني، واش كاين الشوفاج؟",
        "my phone battery died, can I charge it at the desk",
    ],
)
def test_weather_idioms_and_things_that_die_are_no_crisis(text: str) -> None:
    """The idiom is named as the reason; the classifier does not count its words either."""
    assert not _is_crisis(text)
    assert any(":harmless:" in line for line in explain(text))


@pytest.mark.parametrize(
    "text",
    [
        "this heat is killing me and i want to end my life tonight",
        "die Hitze bringt mich um und mein Mann liegt bewusstlos am Boden",
    ],
)
def test_an_idiom_beside_a_real_crisis_hides_nothing(text: str) -> None:
    signal = detect(text)
    assert signal is not None and signal.crisis and not signal.possible


@pytest.mark.parametrize(
    "text",
    [
        "i have felt low for months and nothing appeals anymore, is there someone to talk to",
        "ik zit al weken in de put, is er iemand om mee te praten?",
    ],
)
def test_low_mood_told_as_a_situation_is_distress_even_beside_a_question(text: str) -> None:
    """ "Is there..." asks for a person here, not for a talk on the subject."""
    assert _kind(text) == DISTRESS
