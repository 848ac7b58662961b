"""Same answers: record what `voordeur ask --json` answers on every committed question set, and
check later that a change (a speed-up, a refactoring) answers every one of them byte for byte the
same.

The sets are `tests/eval/questions_*.jsonl`, `tests/eval/blind/questions_*.jsonl` and
`tests/eval/dev/questions_*.jsonl` (about 20,000 questions). Each row is asked as the eval tests
ask it: its `text`, `at`, `lang` (its `client_lang` instead when it has one, the phone's language)
and `org`; an `org` naming a `.yaml` file is relative to its set's folder (or, as in the older
sets of `tests/eval/`, to the repository root). Each set is one batch `voordeur ask --json` run in
a process of its own, as in the tests; the answers go one file per set, one JSON line per row.

    python -m bench.same_answers record /tmp/answers-before     # on the code before the change
    python -m bench.same_answers check /tmp/answers-before      # after it: exit 1 on a difference
    python -m bench.same_answers check /tmp/answers-before --jobs 1 --only demo_3

`check` prints every differing row (the set, the line, the question, both answers) and a count;
zero differences is the only pass. `--jobs` runs that many sets at once (default 2, the
machine's cores); `--only` keeps the sets whose name contains the word.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests" / "eval"
FOLDERS = (EVAL, EVAL / "blind", EVAL / "dev")
_VOORDEUR = "import sys; from bot.cli import main; sys.exit(main())"  # the `voordeur` command


def question_sets() -> list[Path]:
    """Every committed question set, in a fixed order."""
    return [path for folder in FOLDERS for path in sorted(folder.glob("questions_*.jsonl"))]


def _org(value: str, folder: Path) -> str:
    """The organisation as `voordeur ask` takes it: a demo name, or a data file's full path."""
    if not value.endswith(".yaml"):
        return value
    beside = folder / value
    return str(beside if beside.is_file() else ROOT / value)


def asked(row: dict[str, Any], folder: Path) -> dict[str, Any]:
    """What the bot is given of one row (as tests/eval/test_blind_sets.py gives it)."""
    question: dict[str, Any] = {k: row[k] for k in ("text", "at", "lang", "org") if k in row}
    if "client_lang" in row:
        question["lang"] = row["client_lang"]
    if "org" in question:
        question["org"] = _org(str(question["org"]), folder)
    return question


def answers(path: Path) -> list[str]:
    """The answer lines of one set, one batch `voordeur ask --json` run in its own process."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    stdin = "".join(json.dumps(asked(row, path.parent)) + "\n" for row in rows)
    done = subprocess.run(
        [sys.executable, "-c", _VOORDEUR, "ask", "--json"],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=True,
    )
    lines = done.stdout.splitlines()
    if len(lines) != len(rows):
        raise SystemExit(f"{path}: {len(rows)} questions but {len(lines)} answers")
    return lines


def _name(path: Path) -> str:
    return f"{path.parent.relative_to(EVAL)}_{path.stem}".replace("/", "_").removeprefix("._")


def main(argv: list[str] | None = None) -> int:
    """Record or check the answers; the exit code is 1 when `check` found a difference."""
    parser = argparse.ArgumentParser(prog="python -m bench.same_answers", description=__doc__)
    parser.add_argument("mode", choices=("record", "check"))
    parser.add_argument("folder", type=Path, help="where the recorded answers are (or go)")
    parser.add_argument("--jobs", type=int, default=2, help="sets answered at once")
    parser.add_argument("--only", help="only the sets whose name contains this")
    args = parser.parse_args(argv)
    sets = [p for p in question_sets() if not args.only or args.only in _name(p)]
    args.folder.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        found = dict(zip(sets, pool.map(answers, sets), strict=True))
    differences = 0
    for path, lines in found.items():
        saved = args.folder / f"{_name(path)}.jsonl"
        if args.mode == "record":
            saved.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
            continue
        before = saved.read_text(encoding="utf-8").splitlines()
        rows = path.read_text(encoding="utf-8").splitlines()
        for number, (old, new) in enumerate(zip(before, lines, strict=True), start=1):
            if old != new:
                differences += 1
                text = json.loads(rows[number - 1]).get("text")
                print(f"{path.relative_to(ROOT)}:{number}: {text!r}\n  was: {old}\n  now: {new}")
    total = sum(len(lines) for lines in found.values())
    if args.mode == "record":
        print(f"recorded {total} answers of {len(found)} sets in {args.folder}")
        return 0
    print(f"{differences} differences in {total} answers of {len(found)} sets")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
