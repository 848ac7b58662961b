"""A trained second opinion on the intent: hashed n-grams of the message's masked words.

The rules of intents.py are exact where their phrases reach, and blind past them. This model is
multinomial logistic regression over the same features as the crisis classifier
(conversations/safety_model.py: character runs inside words, words, word pairs, hashed), read
from the words the understander has already found: the names of the organisation's centres,
places, activities and desks are replaced by placeholders ("#place", "#activity", "#desk") and
numbers by "#n", so what it learns carries over to organisations it never saw.

It is trained offline on labelled questions (intent_training.py, `make intent-model`) into
`lexicon/intents/classifier.bin`, which the bot reads and scores in pure Python (no numpy in the
bot). The bot asks it where the rules are short of a clear phrase (`SHIPPED`: they said
`unknown`, or their confidence is below 0.8) and takes its intent only when it is very sure:
measured with whole sets left out of its training (README, "A trained intent model";
bench/intent_model_loso.py).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# The module, not its names: safety_model reads words through this package (an import cycle).
from conversations import safety_model
from conversations.sparse_table import SparseTable
from conversations.understanding.intents import INTENTS

INTENT_DIR: Path = Path(__file__).resolve().parent.parent / "lexicon" / "intents"
TRAINING_DIR: Path = INTENT_DIR / "training"
WEIGHTS_FILE: Path = INTENT_DIR / "classifier.bin"
MAGIC = b"voordeur-intent-classifier 1\n"
CLASSES: tuple[str, ...] = INTENTS
FEATURES = 1  # raise when the features change: the shipped weights are then stale

PLACE, ACTIVITY, DESK, NUMBER = "#place", "#activity", "#desk", "#n"


@dataclass(frozen=True)
class Opinion:
    """What the model says of a message: each intent's probability, and the words behind it."""

    probabilities: dict[str, float]
    top: tuple[str, ...] = ()  # the features that pushed most towards the likeliest intent

    @property
    def best(self) -> str:
        """The likeliest intent."""
        return max(self.probabilities, key=lambda k: self.probabilities[k])

    def of(self, intent: str) -> float:
        """The probability of one intent."""
        return self.probabilities.get(intent, 0.0)

    def explain(self) -> str:
        """The likeliest intent, its probability and the strongest features."""
        shown = ", ".join(repr(g) for g in self.top)
        return f"model {self.best} {self.of(self.best):.2f} ({shown})"


class IntentModel(SparseTable):
    """Multinomial logistic regression over hashed features, as a sparse table
    (sparse_table.py, as the crisis classifier's) with the intents as classes."""

    def __init__(
        self,
        places: array,
        weights: array,
        scale: float,
        bias: Sequence[float],
        digest: str = "",
        buckets: int = 1 << 18,
    ) -> None:
        super().__init__(places, weights, scale, bias, len(CLASSES))
        self.digest = digest
        self.buckets = buckets

    def opinion(self, tokens: Sequence[str], top: int = 4) -> Opinion:
        """Each intent's probability for the masked words, and the features behind the best."""
        found = safety_model.grams(tokens)
        mask = self.buckets - 1
        prob, rows = self.probabilities([safety_model.bucket(g) & mask for g in found])
        best = max(range(len(CLASSES)), key=lambda c: prob[c])
        names = self.strongest(found, rows, best, None, top)
        return Opinion(dict(zip(CLASSES, prob, strict=True)), names)

    def to_bytes(self) -> bytes:  # type: ignore[override]
        """The weight file (sparse_table.py's layout) with the intents it was made for."""
        header = {
            "classes": list(CLASSES),
            "buckets": self.buckets,
            "features": FEATURES,
            "digest": self.digest,
        }
        return super().to_bytes(MAGIC, header)

    @classmethod
    def from_bytes(cls, data: bytes) -> IntentModel:  # type: ignore[override]
        """A model read from its weight file (see `to_bytes`)."""
        table, header = SparseTable.from_bytes(data, MAGIC, len(CLASSES), "intent classifier")
        if header["classes"] != list(CLASSES) or header["features"] != FEATURES:
            raise ValueError("the intent classifier weights were made for other intents")
        return cls(
            table.places,
            table.weights,
            table.scale,
            table.bias,
            header["digest"],
            int(header["buckets"]),
        )


@lru_cache(maxsize=1)
def load_model(path: Path = WEIGHTS_FILE) -> IntentModel | None:
    """The shipped model, read once per process; None when no weights ship."""
    if not path.is_file():
        return None
    return IntentModel.from_bytes(path.read_bytes())


@dataclass(frozen=True)
class Arbitration:
    """When the model's opinion overrides the rules' intent (None: that rule is off).

    `veto`: the rules name an intent (with a confidence below `veto_below`, None: any) in a
    message of at least `min_words` words but the model gives `unknown` at least this
    probability;
    `rescue`: the rules found no clear wish (a confidence below `rescue_below`, or `unknown`
    with nothing found at all) and the model gives one intent at least this (`unknown` only
    with `rescue_to_unknown`) in a message of at least `min_words` words; `settle`: the rules
    named an intent short of a clear phrase (a confidence below `settle_below`) and the model
    gives another named intent at least this, in a message of at least `min_words` words;
    `choose`: of the intents the rules' phrases named, the model prefers another than the
    rules' pick by at least this margin.
    """

    veto: float | None = None
    veto_below: float | None = None
    rescue: float | None = None
    rescue_below: float = 0.35
    rescue_to_unknown: bool = True
    min_words: int = 0
    settle: float | None = None
    settle_below: float = 0.8
    choose: float | None = None
    choose_min: float = 0.3  # a phrase score this high makes an intent one the rules consider

    @property
    def active(self) -> bool:
        """Whether any rule can override the rules' intent (else the model is not asked)."""
        return (
            self.veto is not None
            or self.rescue is not None
            or self.settle is not None
            or self.choose is not None
        )

    def long_enough(self, words: int | None) -> bool:
        """Whether a message of `words` words (None: not counted) is long enough for the model."""
        return words is None or words >= self.min_words

    def doubted(self, intent: str, confidence: float, words: int | None = None) -> bool:
        """Whether the model may veto this named intent of the rules as out of scope."""
        below = self.veto_below is None or confidence < self.veto_below
        return self.veto is not None and intent != "unknown" and self.long_enough(words) and below

    def unsettled(self, intent: str, confidence: float, words: int | None = None) -> bool:
        """Whether the rules named an intent short of a clear phrase, in a message long enough
        for the model to settle it."""
        return self.long_enough(words) and intent != "unknown" and confidence < self.settle_below

    def weak(
        self,
        intent: str,
        confidence: float,
        keywords: dict[str, float],
        outside: bool,
        words: int | None = None,
    ) -> bool:
        """Whether the rules found no clear wish in a message long enough for the model: a
        named intent below `rescue_below`, or `unknown` where they found nothing at all (no
        out-of-scope phrase, no outside thing). `words`: the message's (None: not counted)."""
        if not self.long_enough(words):
            return False
        if intent == "unknown":
            return not outside and keywords.get("unknown", 0.0) <= 0.0
        return confidence < self.rescue_below

    def asks(
        self,
        intent: str,
        confidence: float,
        keywords: dict[str, float],
        outside: bool,
        words: int | None = None,
    ) -> bool:
        """Whether one of the rules could override this intent of the rules (else the model
        need not be scored)."""
        named = intent != "unknown"
        return (
            self.doubted(intent, confidence, words)
            or (
                self.rescue is not None and self.weak(intent, confidence, keywords, outside, words)
            )
            or (self.settle is not None and self.unsettled(intent, confidence, words))
            or (self.choose is not None and named)
        )


SHIPPED = Arbitration(
    veto=0.8,
    veto_below=0.8,
    rescue=0.9,
    rescue_below=0.55,
    rescue_to_unknown=False,
    min_words=3,
    settle=0.95,
)
"""What the bot runs with the shipped weights. Where the rules found nothing at all or named an
intent with a confidence below 0.55 (their guesses from what a message names are 0.5 and less),
the model's likeliest intent when it gives it at least 0.9; where they named one short of a
clear phrase (below 0.8), the model's when it gives another at least 0.95, or `unknown` when
it gives that at least 0.8 (another town's museum or train asked in our words). Never an intent
in place of an `unknown` the rules decided (an out-of-scope phrase, a thing that is not ours),
never on a message of one or two words (a lone "مساعدة", help, is too little to be sure of),
never over a clear phrase. Chosen with whole sets left out
of the model's training and the class tests as the guard; README, "A trained intent model"."""


def arbitrate(
    intent: str,
    confidence: float,
    keywords: dict[str, float],
    opinion: Opinion,
    rules: Arbitration,
    outside: bool = False,
    words: int | None = None,
) -> tuple[str, float, str]:
    """The intent after the model's opinion: the rules' unless one of `rules` applies; and why.
    `outside`: the rules' `unknown` is their decision that the message is about a thing that
    is not ours; `words`: how many words the message has (None: not counted)."""
    veto = rules.veto
    if (
        veto is not None
        and rules.doubted(intent, confidence, words)
        and opinion.of("unknown") >= veto
    ):
        return "unknown", 0.0, f"out of scope by the {opinion.explain()}"
    best = opinion.best
    if (
        rules.rescue is not None
        and rules.weak(intent, confidence, keywords, outside, words)
        and best != intent
        and (best != "unknown" or rules.rescue_to_unknown)
        and opinion.of(best) >= rules.rescue
    ):
        return best, round(opinion.of(best) / 2, 3), f"no clear phrase; the {opinion.explain()}"
    if (
        rules.settle is not None
        and rules.unsettled(intent, confidence, words)
        and best not in (intent, "unknown")
        and opinion.of(best) >= rules.settle
    ):
        return best, confidence, f"over the rules' {intent}; the {opinion.explain()}"
    if rules.choose is not None and intent != "unknown":
        considered = {k for k, v in keywords.items() if v >= rules.choose_min and k in CLASSES}
        considered.discard("unknown")
        if considered - {intent}:
            pick = max(considered | {intent}, key=opinion.of)
            if pick != intent and opinion.of(pick) >= opinion.of(intent) + rules.choose:
                return pick, confidence, f"{intent} or {pick}: the {opinion.explain()}"
    return intent, confidence, ""
