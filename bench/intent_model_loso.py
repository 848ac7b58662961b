"""Does the trained intent model raise fully-right answers on organisations it never saw?

Usage: nice .venv/bin/python -m bench.intent_model_loso [--eval DIR] [--held org8 dev10 ...]
           [--tune org8 dev10] [--verbose] [--grid shipped|small|full]

About two to three minutes per held-out set on two cores (most of it training). `--grid shipped`
(the default) measures `intent_model.SHIPPED` and its neighbours through the bot's own
`arbitrate`; `small` and `full` add the looser combinations it was chosen from. Figures: README,
"A trained intent model".

Each labelled file of the question sets (tests/eval, tests/eval/blind, tests/eval/dev and the
shared sample beside the checkout) belongs to a set: `org K` (questions_org_K, questions_orgs_1),
`demo K` (questions_demo_K), `dev K` (dev/questions_dev_K), or one of its own (questions_dev2,
questions_heldout, shared). For each set held out, the model is trained on every other labelled
question and the written examples, **less every question about an organisation data file the
held-out set asks about** (by file name: a copy elsewhere is the same organisation). The demo
organisations ship with the bot, so their questions are only left out with their own set.

Every held-out question is answered by the rules alone through the real front door
(FrontDoor.ask) and read once more by the understander with the model beside it, which records
what `arbitrate` is given: the rules' intent, their confidence and the model's opinion. Each
policy below says when the model's intent replaces the rules'; a replaced question is answered
again through the front door with the intent forced at that point (bench/intent_model_set7.py's
`forced`), so every other field is the one the real code computes. Answers are scored with
../shared/eval/score.py's `check`. Per set and policy: gains, losses, net.

`--eval DIR` reads the question sets of another checkout's tests/eval: run this file inside an
older tree (copied into its bench/) with today's sets, to measure rules that never saw a set.
`--tune` names the sets the policy is chosen on: the best net on them with no tuning set losing
more than one question; the other held-out sets are then the figures it was not tuned on.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bench.intent_model_cv import _check
from bench.intent_model_set7 import forced
from bot.cli import _AskSession
from bot.runtime import parse_local_time
from conversations.understanding import intent_model as im
from conversations.understanding import intent_training as it
from conversations.understanding import understander as understander_module

IN_SCOPE = tuple(c for c in im.CLASSES if c != "unknown")


class _AskAlways(im.Arbitration):
    """An arbitration under which the understander always asks the model (and so calls
    `arbitrate`, which the bench replaces) but whose own rules never override anything."""

    def asks(self, *_args: Any) -> bool:
        return True


ASK_ALWAYS = _AskAlways(veto=2.0)
DEMO = ("oostende", "kortrijk", "denhaag-zuidwest")


def set_name(path: Path) -> str:
    """The set a labelled file belongs to ("org 8", "demo 8", "dev 10", or its own stem)."""
    stem = path.stem
    if m := re.fullmatch(r"questions_orgs?_(\d+)", stem):
        return f"org{m.group(1)}"
    if m := re.fullmatch(r"questions_demo_(\d+)", stem):
        return f"demo{m.group(1)}"
    if m := re.fullmatch(r"questions_dev_(\d+)", stem):
        return f"dev{m.group(1)}"
    return stem.removeprefix("questions_")


@dataclass
class Row:
    """A labelled question, its organisation resolved to a demo id or a data file path."""

    row: dict[str, Any]
    org: str
    set: str

    @property
    def lang(self) -> str | None:
        return self.row.get("client_lang") or self.row.get("lang")

    @property
    def label(self) -> str | None:
        label = self.row["expect"].get("intent")
        return label if label in im.CLASSES else None

    @property
    def org_key(self) -> str:
        """The organisation as a name: a demo id, or the data file's name."""
        return self.org if self.org in DEMO else Path(self.org).name


def labelled_files(eval_dir: Path) -> list[Path]:
    """Every labelled question file of a checkout's tests/eval (and the shared sample)."""
    found = sorted(eval_dir.glob("questions_*.jsonl"))
    found += sorted((eval_dir / "blind").glob("questions_*.jsonl"))
    found += sorted((eval_dir / "dev").glob("questions_*.jsonl"))
    shared = eval_dir.parents[2] / "shared" / "eval" / "questions.jsonl"
    return found + ([shared] if shared.is_file() else [])


def read_rows(path: Path, root: Path) -> list[Row]:
    """The rows of a file, `org` resolved beside the file or from the checkout's root."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        org = str(row.get("org", "oostende"))
        if org.endswith(".yaml"):
            org = str(path.parent / org if (path.parent / org).is_file() else root / org)
        out.append(Row(row, org, set_name(path)))
    return out


def intent_right(expect: dict[str, Any], intent: Any) -> bool:
    """Whether an intent is the expected one (`intent_any`: one of them)."""
    if "intent_any" in expect:
        return intent in expect["intent_any"]
    return intent == expect.get("intent")


@dataclass(frozen=True)
class Seen:
    """What `arbitrate` is given for a question: the rules' intent and confidence, the words."""

    intent: str
    confidence: float
    keywords: dict[str, float]
    opinion: im.Opinion
    outside: bool = False  # the rules' `unknown` is their decision: a thing not ours
    words: int | None = None  # the message's own words (None: a tree that does not count)


@contextlib.contextmanager
def recording(into: list[Seen]) -> Iterator[None]:
    """The understander's `arbitrate` replaced by one that records its arguments, unchanged."""
    real = understander_module.arbitrate

    def record(
        intent: str,
        confidence: float,
        keywords: dict[str, float],
        opinion: im.Opinion,
        _rules: Any,
        outside: bool = False,
        words: int | None = None,
    ) -> tuple[str, float, str]:
        into.append(Seen(intent, confidence, dict(keywords), opinion, outside, words))
        return intent, confidence, ""

    understander_module.arbitrate = record  # type: ignore[assignment]
    try:
        yield
    finally:
        understander_module.arbitrate = real


Policy = Callable[[Seen], str | None]


def best_in_scope(o: im.Opinion) -> str:
    return max(IN_SCOPE, key=o.of)


def policy(kind: str, t: float, below: float, margin: float = 0.0) -> Policy:
    """A way to let the model override, `t` its least probability, `below` the rules'
    confidence under which they count as weak (the rules' `unknown` is always weak).

    rescue: the rules say unknown; the model's best in-scope intent.
    swap:   the rules name an intent weakly; the model's best other in-scope intent.
    veto:   the rules name an intent weakly; the model says unknown.
    any:    swap or veto (the model's best, whatever it is), weak rules named or unknown.
    """

    def decide(s: Seen) -> str | None:
        o = s.opinion
        if kind in ("rescue", "any") and s.intent == "unknown":
            b = best_in_scope(o)
            return b if o.of(b) >= t and o.of(b) >= o.of("unknown") + margin else None
        if s.intent == "unknown" or s.confidence >= below:
            return None
        if kind in ("swap", "any"):
            b = max((c for c in IN_SCOPE if c != s.intent), key=o.of)
            if o.of(b) >= t and o.of(b) >= o.of(s.intent) + margin:
                return b
        if kind in ("veto", "any") and o.of("unknown") >= t:
            return "unknown"
        return None

    return decide


def arbitrated(rules: im.Arbitration) -> Policy:
    """The bot's own `arbitrate` under `rules` (what the understander does with them)."""

    def decide(s: Seen) -> str | None:
        args = (s.intent, s.confidence, s.keywords, s.opinion, rules, s.outside, s.words)
        new = im.arbitrate(*args)[0]
        return None if new == s.intent else new

    return decide


def grid(size: str) -> dict[str, Policy]:
    """The policies measured: the shipped one and its neighbours through `arbitrate`, then the
    looser combinations (`size` "full": more of them)."""
    out: dict[str, Policy] = {"shipped": arbitrated(im.SHIPPED)}
    for t in (0.8, 0.9, 0.95):
        for c in (0.45, 0.55, 0.75):
            out[f"weak {t} <{c}"] = arbitrated(replace(im.SHIPPED, rescue=t, rescue_below=c))
    if size == "shipped":
        return out
    ts = (0.6, 0.7, 0.8, 0.9, 0.95) if size == "full" else (0.7, 0.8, 0.9)
    belows = (0.35, 0.45, 0.55, 0.75, 1.01) if size == "full" else (0.45, 0.55, 1.01)
    for t in ts:
        out[f"rescue {t}"] = policy("rescue", t, 0.0)
        for c in belows:
            for kind in ("swap", "veto", "any"):
                out[f"{kind} {t} <{c}"] = policy(kind, t, c)
    return out


@dataclass
class Scored:
    """One held-out question: the rules' answer, what arbitrate saw, answers with other intents."""

    q: Row
    base: dict[str, Any]
    base_right: bool
    seen: Seen | None
    switched: dict[str, tuple[dict[str, Any], bool]] = field(default_factory=dict)


class Bench:
    """The rows of every set, their model words, and answers per held-out set."""

    def __init__(self, eval_dir: Path, verbose: bool) -> None:
        self.verbose = verbose
        self.check = _check()
        self.session = _AskSession()
        root = eval_dir.parents[1]
        self.rows: dict[str, list[Row]] = {}
        for path in labelled_files(eval_dir):
            self.rows.setdefault(set_name(path), []).extend(read_rows(path, root))
        start = time.perf_counter()
        self.words: dict[str, list[tuple[str, ...]]] = {
            s: [self._words(r) if r.label else () for r in rows] for s, rows in self.rows.items()
        }
        written = it.written_examples()
        self.written = ([it.model_words(e) for e in written], [e.label for e in written])
        n = sum(1 for rows in self.rows.values() for r in rows if r.label)
        print(
            f"{n} set questions with one intent in {len(self.rows)} sets, {len(written)} written"
            f" examples; words read in {time.perf_counter() - start:.0f} s",
            flush=True,
        )

    @staticmethod
    def _words(r: Row) -> tuple[str, ...]:
        example = it.Example(
            r.row["text"], str(r.label), r.org, r.row.get("at", it.DEMO_AT), r.lang
        )
        return it.model_words(example)

    def train(self, held: str) -> tuple[im.IntentModel, int]:
        """A model trained without set `held` and without any question about its organisations
        (demo organisations excepted); and how many set questions it was trained on."""
        orgs = {r.org_key for r in self.rows[held] if r.org_key not in DEMO}
        words, labels = list(self.written[0]), list(self.written[1])
        n = 0
        for s, rows in self.rows.items():
            if s == held:
                continue
            for r, w in zip(rows, self.words[s], strict=True):
                if r.label and w and r.org_key not in orgs:
                    words.append(w)
                    labels.append(r.label)
                    n += 1
        return it.train(words, labels), n

    async def _door(self, q: Row) -> Any:
        door = await self.session.door(q.org)
        at = parse_local_time(q.row["at"], door.org.timezone) if "at" in q.row else None
        return door, at

    async def score(self, held: str, model: im.IntentModel) -> list[Scored]:
        """The rules' answers to a set and what arbitrate sees with `model` beside them."""
        out = []
        for q in self.rows[held]:
            door, at = await self._door(q)
            door.understander.intent_model = None
            got = (await door.ask(q.row["text"], client_language=q.lang, at=at)).to_json()
            seen: list[Seen] = []
            door.understander.intent_model = model
            door.understander.arbitration = ASK_ALWAYS  # asked; records only
            try:
                with recording(seen):
                    door.understander.understand(
                        q.row["text"], now=at or door.clock.now(), client_language=q.lang
                    )
            finally:
                door.understander.intent_model = None
                door.understander.arbitration = im.Arbitration()
            ok = not self.check(q.row["expect"], got)
            out.append(Scored(q, got, ok, seen[0] if seen else None))
        return out

    async def outcome(
        self, rows: list[Scored], model: im.IntentModel, decide: Policy, name: str
    ) -> tuple[int, int, int]:
        """Fully right, gains and losses with one policy."""
        right = gains = losses = 0
        for s in rows:
            new = decide(s.seen) if s.seen is not None else None
            if new is None or new == s.seen.intent:  # type: ignore[union-attr]
                right += s.base_right
                continue
            if new not in s.switched:
                door, at = await self._door(s.q)
                door.understander.intent_model = model
                door.understander.arbitration = ASK_ALWAYS
                try:
                    with forced(new):
                        got = await door.ask(s.q.row["text"], client_language=s.q.lang, at=at)
                finally:
                    door.understander.intent_model = None
                    door.understander.arbitration = im.Arbitration()
                j = got.to_json()
                s.switched[new] = (j, not self.check(s.q.row["expect"], j))
            ok = s.switched[new][1]
            right += ok
            gains += ok and not s.base_right
            losses += s.base_right and not ok
            if self.verbose and ok != s.base_right and s.seen is not None:
                print(
                    f"    {name}: {'GAIN' if ok else 'LOSS'} {s.q.set}"
                    f" want {s.q.row['expect'].get('intent')}: rules {s.seen.intent}"
                    f" ({s.seen.confidence:.2f}) -> {new}; {s.seen.opinion.explain()}"
                    f" {s.q.row['text'][:90]!r}"
                )
        return right, gains, losses

    async def close(self) -> None:
        await self.session.close()


def describe(held: str, rows: list[Scored]) -> str:
    """A set's rules figures and how the model alone does on the intent."""
    n = len(rows)
    right = sum(s.base_right for s in rows)
    intents = sum(intent_right(s.q.row["expect"], s.base.get("intent")) for s in rows)
    alone = sum(
        intent_right(s.q.row["expect"], s.seen.opinion.best if s.seen else "unknown") for s in rows
    )
    fixes = breaks = 0
    for s in rows:
        if s.seen is None or s.seen.opinion.best == s.seen.intent:
            continue
        model_ok = intent_right(s.q.row["expect"], s.seen.opinion.best)
        rules_ok = intent_right(s.q.row["expect"], s.seen.intent)
        fixes += model_ok and not rules_ok
        breaks += rules_ok and not model_ok
    return (
        f"{held}: {n} questions; rules fully right {right} ({right / n:.1%}), intent {intents};"
        f" model alone intent {alone}; where they disagree model right {fixes}, rules right"
        f" {breaks}"
    )


async def run(args: argparse.Namespace) -> None:
    """Hold each set out, measure every policy, choose on the tuning sets, report the rest."""
    bench = Bench(args.eval, args.verbose)
    policies = grid(args.grid)
    if args.only:
        policies = {k: v for k, v in policies.items() if k in args.only}
    table: dict[str, dict[str, tuple[int, int, int]]] = {}
    sizes: dict[str, tuple[int, int]] = {}
    try:
        for held in args.held:
            start = time.perf_counter()
            model, n = bench.train(held)
            rows = await bench.score(held, model)
            print(
                f"== {describe(held, rows)}; trained on {n} set questions"
                f" ({time.perf_counter() - start:.0f} s)",
                flush=True,
            )
            sizes[held] = (len(rows), sum(s.base_right for s in rows))
            table[held] = {}
            for name, decide in policies.items():
                table[held][name] = await bench.outcome(rows, model, decide, name)
    finally:
        await bench.close()
    tune = [s for s in args.tune if s in table]
    report = [s for s in table if s not in tune]
    print("== per policy: net (gains/losses) per held-out set; * = tuning set")
    for name in policies:
        cells = " ".join(
            f"{s}{'*' if s in tune else ''} {table[s][name][1] - table[s][name][2]:+d}"
            f" ({table[s][name][1]}/{table[s][name][2]})"
            for s in table
        )
        print(f"  {name:18} {cells}")
    if not tune:
        return
    fair = [p for p in policies if all(table[s][p][2] <= 1 for s in tune)]
    net = {p: sum(table[s][p][1] - table[s][p][2] for s in tune) for p in fair}
    ranked = sorted(fair, key=lambda p: (net[p], -sum(table[s][p][2] for s in tune)), reverse=True)
    print(f"== chosen on {' '.join(tune)} (no tuning set losing more than one):")
    for p in ranked[:5]:
        print(f"  {p:18} tuning net {net[p]:+d}")
        for s in report:
            n, base = sizes[s]
            right, g, lost = table[s][p]
            print(
                f"      {s}: {base}/{n} -> {right}/{n} ({(right - base) / n:+.2%}),"
                f" gains {g}, losses {lost}"
            )


def main() -> None:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval", type=Path, default=it.EVAL, help="a checkout's tests/eval")
    parser.add_argument("--held", nargs="+", default=["org8", "dev10", "org9", "org7"])
    parser.add_argument("--tune", nargs="*", default=[])
    parser.add_argument("--only", nargs="*", help="policy names (default: the grid)")
    parser.add_argument("--grid", choices=("shipped", "small", "full"), default="shipped")
    parser.add_argument("--verbose", action="store_true")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
