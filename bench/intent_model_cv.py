"""Leave-one-set-out figures of the intent model combined with the rules.

Usage: .venv/bin/python -m bench.intent_model_cv [--verbose] [--no-written] [--external FILE]
For each question set: train the model on every other set and the written examples, answer the
held-out set with the rules alone and with each way of combining, and score the answers with the
shared scorer's check (../shared/eval/score.py). Prints fully right and out-of-scope figures.
`--external FILE`: score only that set (a blind set outside the checkout, its `org` paths relative
to it), with the model trained on every set here; without --verbose only figures are printed.
`--no-written`: train without conversations/lexicon/intents/training (lexicon examples only).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.cli import _AskSession
from bot.runtime import parse_local_time
from conversations.understanding import intent_model as im
from conversations.understanding import intent_training as it

SCORER = it.REPO.parent / "shared" / "eval" / "score.py"


def _check() -> Any:
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.check


@dataclass
class Question:
    """A row of a set, its organisation resolved."""

    row: dict[str, Any]
    org: str

    @property
    def lang(self) -> str | None:
        return self.row.get("client_lang") or self.row.get("lang")


def _questions(path: Path) -> list[Question]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            org = str(row.get("org", "oostende"))
            if org.endswith(".yaml"):
                local = path.parent / org
                org = str(local if local.is_file() else it.REPO / org)
            out.append(Question(row, org))
    return out


POLICIES: dict[str, im.Arbitration] = {
    "rules": im.Arbitration(),
    **{f"a veto>={v}": im.Arbitration(veto=v) for v in (0.6, 0.7, 0.8, 0.9)},
    **{
        f"b rescue>={v} below {c}": im.Arbitration(rescue=v, rescue_below=c)
        for v in (0.8, 0.9)
        for c in (0.35, 0.55)
    },
    **{f"c choose +{v}": im.Arbitration(choose=v) for v in (0.3, 0.5)},
    "a+b+c": im.Arbitration(veto=0.8, rescue=0.9, rescue_below=0.55, choose=0.5),
}


async def run(
    verbose: bool,
    policies: dict[str, im.Arbitration],
    only: list[str] | None = None,
    settings: dict[str, Any] | None = None,
    external: Path | None = None,
    with_written: bool = True,
) -> None:
    """Print the leave-one-set-out table."""
    check = _check()
    settings = settings or {}
    sets = it.question_sets()
    examples = {name: it.set_examples(path) for name, path in sets.items()}
    held_out = [s for s in sets if not only or s in only]
    if external is not None:
        sets = {**sets, external.stem: external}
        held_out = [external.stem]
    rows = {name: _questions(path) for name, path in sets.items() if name in held_out}
    written = it.written_examples(with_files=with_written)
    words = {name: [it.model_words(e) for e in ex] for name, ex in examples.items()}
    written_words = [it.model_words(e) for e in written]
    session = _AskSession()
    table: dict[str, dict[str, tuple[int, int, int, int]]] = {}
    try:
        for held in held_out:
            train_words = list(written_words)
            labels = [e.label for e in written]
            for name in examples:
                if name != held:
                    train_words += words[name]
                    labels += [e.label for e in examples[name]]
            model = it.train(train_words, labels, **settings)
            base: list[dict[str, Any]] = []
            for q in rows[held]:
                door = await session.door(q.org)
                door.understander.intent_model = None
                at = parse_local_time(q.row["at"], door.org.timezone) if "at" in q.row else None
                base.append(
                    (await door.ask(q.row["text"], client_language=q.lang, at=at)).to_json()
                )
            table[held] = {}
            for pname, policy in policies.items():
                right = oos = oos_total = changed = 0
                for q, got in zip(rows[held], base, strict=True):
                    door = await session.door(q.org)
                    at = (
                        parse_local_time(q.row["at"], door.org.timezone) if "at" in q.row else None
                    )
                    if pname != "rules":
                        door.understander.intent_model = model
                        door.understander.arbitration = policy
                        u = door.understander.understand(
                            q.row["text"], now=at or door.clock.now(), client_language=q.lang
                        )
                        if u.intent != got.get("intent"):
                            changed += 1
                            got = (
                                await door.ask(q.row["text"], client_language=q.lang, at=at)
                            ).to_json()
                            if verbose:
                                ok = not check(q.row["expect"], got)
                                print(
                                    f"  {held} {pname}: {'GOOD' if ok else 'BAD '}"
                                    f" {q.row['expect'].get('intent')} -> {got.get('intent')}"
                                    f" {q.row['text'][:70]!r} [{u.why}]"
                                )
                        door.understander.intent_model = None
                    right += not check(q.row["expect"], got)
                    if q.row["expect"].get("intent") == "unknown":
                        oos_total += 1
                        oos += got.get("intent") == "unknown"
                table[held][pname] = (right, len(rows[held]), oos, oos_total)
                print(
                    f"{held:22} {pname:26} {right:4}/{len(rows[held]):<4}"
                    f" ({right / len(rows[held]):6.1%})  oos {oos:3}/{oos_total:<3}"
                    f"  changed {changed}",
                    flush=True,
                )
    finally:
        await session.close()
    print("== mean over held-out sets (fully right, out of scope unknown), worst set delta")
    for pname in policies:
        shares = [table[s][pname][0] / table[s][pname][1] for s in table]
        unknown = [table[s][pname][2] / max(table[s][pname][3], 1) for s in table]
        delta = [table[s][pname][0] - table[s]["rules"][0] for s in table]
        total = sum(table[s][pname][0] for s in table)
        print(
            f"{pname:26} mean {sum(shares) / len(shares):6.2%}"
            f"  oos {sum(unknown) / len(unknown):6.2%}"
            f"  total {total}  worst {min(delta):+d}  best {max(delta):+d}"
        )


def main() -> None:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--only", nargs="*", help="policy names to run (besides the rules)")
    parser.add_argument("--sets", nargs="*", help="held-out sets to score (default: all)")
    parser.add_argument("--epochs", type=int, default=it.EPOCHS)
    parser.add_argument("--l2", type=float, default=it.L2)
    parser.add_argument("--external", type=Path, help="a blind set to score, trained on all here")
    parser.add_argument("--no-written", action="store_true")
    args = parser.parse_args()
    policies = POLICIES
    if args.only:
        policies = {k: v for k, v in POLICIES.items() if k == "rules" or k in args.only}
    settings = {"epochs": args.epochs, "l2": args.l2}
    asyncio.run(
        run(args.verbose, policies, args.sets, settings, args.external, not args.no_written)
    )


if __name__ == "__main__":
    main()
