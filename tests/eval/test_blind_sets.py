"""The blind held-out sets: understanding on unseen organisations, and crisis detection.

They were written apart from the code (see tests/eval/blind/README.md). The figures are printed;
the assertions are regression floors below them, not targets.
"""

from __future__ import annotations

import importlib.util
import io
import json
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from bot.cli import main

HERE = Path(__file__).resolve().parent
BLIND = HERE / "blind"
SCORER = HERE.parent.parent.parent / "shared" / "eval" / "score.py"
CRISES = {"suicide", "self_harm", "violence", "medical"}
# Set 4 was blind until the end of the session of 2026-12-05 (evening): 287/298 (96.3%) and
# 104/112 (92.9%) fully right, crisis recall 199/208 (95.7%), false alarms 11/224 (4.9%).
ORG_4_FLOOR = 0.94
DEMO_4_FLOOR = 0.90
SAFETY_4_RECALL = 0.95
SAFETY_4_ALARMS = 0.06
# Set 5 was blind until the end of the session of 2026-12-05 (night): 297/327 (90.8%) and
# 117/124 (94.4%) fully right, crisis recall 186/208 (89.4%), false alarms 5/224 (2.2%).
ORG_5_FLOOR = 0.88
DEMO_5_FLOOR = 0.92
SAFETY_5_RECALL = 0.87
SAFETY_5_ALARMS = 0.04
# Set 6 was blind until the start of the session of 2026-12-06 (it stood unchanged since the end of
# the previous one): 323/345 (93.6%) and 118/124 (95.2%) fully right, crisis recall 193/208
# (92.8%), false alarms 13/224 (5.8%).
ORG_6_FLOOR = 0.92
DEMO_6_FLOOR = 0.93
SAFETY_6_RECALL = 0.91
SAFETY_6_ALARMS = 0.07
# Set 7 was blind until the start of the session of 2026-12-06 (morning; unchanged since the end of
# the previous one): 334/361 (92.5%) and 107/128 (83.6%) fully right, crisis recall 197/208
# (94.7%), false alarms 14/224 (6.2%).
ORG_7_FLOOR = 0.91
DEMO_7_FLOOR = 0.82
SAFETY_7_RECALL = 0.93
SAFETY_7_ALARMS = 0.07
# Set 8 was blind until the start of the session of 2026-12-06 (late morning), measured on that
# session's starting main (4b771b3): 342/384 (89.1%) and 123/128 (96.1%) fully right, crisis recall
# 200/208 (96.2%), false alarms 9/224 (4.0%).
# Its misses were then worked on as classes the same session: 378/384 (98.4%) and 128/128;
# its crisis messages joined the classifier's training.
ORG_8_FLOOR = 0.97
DEMO_8_FLOOR = 0.98
SAFETY_8_RECALL = 0.95
SAFETY_8_ALARMS = 0.05
# Set 9 was blind until the end of the same session: measured on its starting main (4b771b3) and
# on its final tree: 354 -> 364/384 (94.8%) and 122 -> 123/128 (96.1%) fully right, crisis recall
# 204/208 (98.1%) at both, false alarms 4/224 (1.8%) -> 2/224 (0.9%).
ORG_9_FLOOR = 0.93
DEMO_9_FLOOR = 0.94
SAFETY_9_RECALL = 0.97
SAFETY_9_ALARMS = 0.03
# Set 10 was blind until the start of the session of 2026-12-06 (afternoon), measured on that
# session's starting main (0d94237): 365/384 (95.1%) and 118/128 (92.2%) fully right, crisis
# recall 202/208 (97.1%), false alarms 4/224 (1.8%). Committed at once so its misses could be
# worked on as classes (its organisations are second versions of set 9's cities); its crisis
# messages joined the classifier's training. The session's blind figures are set 11's.
ORG_10_FLOOR = 0.94
DEMO_10_FLOOR = 0.91
SAFETY_10_RECALL = 0.96
SAFETY_10_ALARMS = 0.03
# Set 11 (Ieper and Alkmaar) was blind until the end of the same session: measured on its starting
# main (0d94237) and on its final code before its data joined the training: 368 -> 374/385 (97.1%)
# and 120 -> 120/128 (93.8%) fully right, crisis recall 204/208 (98.1%) at both, false alarms
# 7/224 (3.1%) -> 6/224 (2.7%).
ORG_11_FLOOR = 0.96
DEMO_11_FLOOR = 0.92
SAFETY_11_RECALL = 0.97
SAFETY_11_ALARMS = 0.03
# Set 12 (Tienen and Zutphen) was measured blind on the starting main of the session of 2026-12-06
# (evening; 5f1c75b) and committed at once as that session's work set: 373/387 (96.4%) and
# 125/128 (97.7%) fully right, crisis recall 203/208 (97.6%), false alarms 6/224 (2.7%).
ORG_12_FLOOR = 0.95
DEMO_12_FLOOR = 0.95
SAFETY_12_RECALL = 0.96
SAFETY_12_ALARMS = 0.03
# Set 13 (Mol and Gouda) was blind until the end of the same session: measured on its starting
# main (5f1c75b) and on its final code before its data joined the training: 379 -> 378/385
# (98.2%) and 124 -> 125/128 (97.7%) fully right, crisis recall 203/208 (97.6%) at both, false
# alarms 6/224 (2.7%) at both.
ORG_13_FLOOR = 0.96
DEMO_13_FLOOR = 0.95
SAFETY_13_RECALL = 0.96
SAFETY_13_ALARMS = 0.03
# Set 14 (Waregem and Haarlem) was measured blind on the starting main of the session of
# 2026-12-06 (night; 4190f31) and committed at once as that session's work set: 367/387 (94.8%)
# and 126/128 (98.4%) fully right. It has no crisis set of its own.
ORG_14_FLOOR = 0.93
DEMO_14_FLOOR = 0.96
# Set 15 (Lokeren and Breda) was blind until the end of the same session: measured on its
# starting main (4190f31) and on its final code before its questions joined the training:
# 375 -> 377/387 (97.4%) and 122 -> 122/128 (95.3%) fully right. It has no crisis set of its own.
ORG_15_FLOOR = 0.96
DEMO_15_FLOOR = 0.94
# Set 16 (Dendermonde and Schiedam) was measured blind on the starting main of the session of
# 2026-12-06 (late evening; ed7bec1): 386/397 (97.2%) and 122/128 (95.3%) fully right, then
# committed at once as that session's work set. It has no crisis set of its own.
ORG_16_FLOOR = 0.96
DEMO_16_FLOOR = 0.94
# Set 17 (Tongeren and Helmond) stayed blind until the end of the session of 2026-12-06 (late
# evening): measured on its starting main (ed7bec1) and on its final code before its questions
# trained: 377 -> 382/390 (97.9%) and 125 -> 127/128 (99.2%) fully right. No crisis set.
ORG_17_FLOOR = 0.97
DEMO_17_FLOOR = 0.97
# Sets 18 (Ninove and Delft) and 19 (Bree and Hoorn) were written in the same session as more
# work sets and measured blind on its starting main (ed7bec1): 373/384 (97.1%) and 120/128
# (93.8%); 373/387 (96.4%) and 121/128 (94.5%). (Set 17 stayed blind until the session's end.)
ORG_18_FLOOR = 0.96
DEMO_18_FLOOR = 0.93
ORG_19_FLOOR = 0.96
DEMO_19_FLOOR = 0.93
# Set 20 (Lommel and Emmen), written in the same session as a fourth work set: blind on the
# starting main (ed7bec1) 366/384 (95.3%) and 125/128 (97.7%); on the session's code before its
# questions trained (582fc35) 372/384 (96.9%) and 125/128.
ORG_20_FLOOR = 0.95
DEMO_20_FLOOR = 0.96
# Set 21 (Zottegem and Zeist), the work set of the session of 2026-12-06 (night): blind on its
# starting main (8471ffc) 375/384 (97.7%) and 126/128 (98.4%).
ORG_21_FLOOR = 0.96
DEMO_21_FLOOR = 0.96
# Set 23 (Deinze and Veenendaal), a second work set of the same session: blind on the starting
# main (8471ffc) 389/397 (98.0%) and 118/128 (92.2%).
ORG_23_FLOOR = 0.97
DEMO_23_FLOOR = 0.91
# Set 22 (Izegem and Hilversum), written at the start of the same session and kept outside the
# repository until its end: 380/384 (99.0%) and 127/128 (99.2%) on the starting main (8471ffc)
# and on the session's final code (ea98f36).
ORG_22_FLOOR = 0.97
DEMO_22_FLOOR = 0.97
# Set 24 (Wetteren and Oss), written halfway through the same session and kept outside the
# repository until its end: 386/392 (98.5%) and 124/128 (96.9%) on 8471ffc, 387/392 (98.7%) and
# 125/128 (97.7%) on the final code.
ORG_24_FLOOR = 0.97
DEMO_24_FLOOR = 0.95
# Set 26 (Beringen and Purmerend, data for 2028), the work set of the session of 2026-12-07:
# 385/390 (98.7%) and 123/128 (96.1%) on its starting main (9d61115).
ORG_26_FLOOR = 0.97
DEMO_26_FLOOR = 0.95
# Set 25 (Menen and Roosendaal), kept outside the repository until the end of the session of
# 2026-12-07: 380/388 (97.9%) and 125/128 (97.7%) on its starting main (9d61115), 379/388 and
# 126/128 (98.4%) on its final code. Set 27 (Geraardsbergen and Lelystad), the same: 383/389
# (98.5%) and 125/128 at the start, 386/389 (99.2%) and 125/128 (97.7%) at the end.
ORG_25_FLOOR = 0.97
DEMO_25_FLOOR = 0.96
ORG_27_FLOOR = 0.97
DEMO_27_FLOOR = 0.95
# Set 30 (Torhout and Hengelo), the work set of the session of 2026-12-07 (morning): 364/384
# (94.8%) and 127/128 (99.2%) on its starting main (5aa6cc8).
ORG_30_FLOOR = 0.97
DEMO_30_FLOOR = 0.97
# Sets 28 (Maasmechelen and Almelo) and 29 (Ronse and Den Helder, data from September 2027 to June
# 2028), kept outside the repository until the end of the same session: 375 -> 376/384 (97.9%)
# and 125/128 (97.7%) at both; 368 -> 367/384 (95.6%) and 126/128 (98.4%) at both.
ORG_28_FLOOR = 0.96
DEMO_28_FLOOR = 0.96
ORG_29_FLOOR = 0.94
DEMO_29_FLOOR = 0.96
# Sets 31 (Knokke-Heist and Kampen), 32 (Tielt and Doetinchem, data from September 2027 to June
# 2028) and 33 (Diksmuide and Roermond), all kept outside the repository until the end of the
# session of 2026-12-07 (late morning): 367 -> 369/384 (96.1%) and 124 -> 125/128; 371 -> 372/384
# (96.9%) and 126/128 at both; 373 -> 374/384 (97.4%) and 125 -> 126/128.
ORG_31_FLOOR = 0.95
DEMO_31_FLOOR = 0.96
ORG_32_FLOOR = 0.96
DEMO_32_FLOOR = 0.97
ORG_33_FLOOR = 0.96
DEMO_33_FLOOR = 0.97
# Sets 34 (Poperinge and Sneek), 35 (Bilzen and Meppel, data from September 2027 to June 2028) and
# 36 (Harelbeke and Heerenveen, data of 2028), all kept outside the repository until the end of
# the session of 2026-12-07 (afternoon): 379 -> 380/384 (99.0%) and 125 -> 126/128; 369 -> 370/384
# (96.4%) and 126/128 at both; 377 -> 379/384 (98.7%) and 127 -> 128/128.
ORG_34_FLOOR = 0.97
DEMO_34_FLOOR = 0.97
ORG_35_FLOOR = 0.95
DEMO_35_FLOOR = 0.97
ORG_36_FLOOR = 0.97
DEMO_36_FLOOR = 0.98
# Sets 37 (Eeklo and Zwijndrecht, 2027), 38 (Wervik and Woerden, March 2028 to February 2029)
# and 39 (Lochristi and Tiel, 2029), all kept outside the repository until the end of the session
# of 2026-12-07 (evening), every centre of Eeklo, Wervik and Lochristi in one postcode: 373/384
# (97.1%) and 120/128 at both the start and the end; 370/384 (96.4%) and 125/128; 377/384 (98.2%)
# and 127/128 (this session's classes moved none of their answers).
ORG_37_FLOOR = 0.96
DEMO_37_FLOOR = 0.93
ORG_38_FLOOR = 0.95
DEMO_38_FLOOR = 0.97
ORG_39_FLOOR = 0.97
DEMO_39_FLOOR = 0.98
# Sets 40 (Herzele and Harderwijk, 2030), 41 (Bornem and Steenwijk, September 2030 to August
# 2031) and 42 (Zele and Culemborg, 2031), kept outside the repository until the end of the
# session of 2026-12-07 (night): at its start 370/384 and 126/128, 372/384 and 127/128, 378/384
# and 123/128; at its end (the intent model settling readings short of a clear phrase) 372/384
# (96.9%) and 126/128, 373/384 (97.1%) and 127/128, 378/384 (98.4%) and 123/128 (96.1%).
ORG_40_FLOOR = 0.96
DEMO_40_FLOOR = 0.975
ORG_41_FLOOR = 0.965
DEMO_41_FLOOR = 0.98
ORG_42_FLOOR = 0.975
DEMO_42_FLOOR = 0.95
# Sets 43 (Kruishoutem and Nunspeet, 2032), 44 (Lebbeke and Oldenzaal, 2029) and 45
# (Heist-op-den-Berg and Boxtel, September 2031 to August 2032), kept outside the repository
# until the end of the session of 2026-12-07 (late): at its start 371/384 and 124/128, 373/384
# and 124/128, 374/384 and 126/128; at its end (the veto, 3,200 more residents' messages and four
# classes) 373/384 (97.1%) and 124/128, 374/384 (97.4%) and 125/128, 377/384 (98.2%) and 127/128.
ORG_43_FLOOR = 0.965
DEMO_43_FLOOR = 0.96
ORG_44_FLOOR = 0.97
DEMO_44_FLOOR = 0.97
ORG_45_FLOOR = 0.975
DEMO_45_FLOOR = 0.985
# Sets 46 (Diest and Assen, 2028), 47 (Temse and Weert, September 2029 to August 2030) and 48
# (Wevelgem and Gorinchem, 2031), kept outside the repository until the end of the session of
# 2026-12-08 (night): at its start 377/384 and 124/128, 372/384 and 127/128, 377/384 and
# 127/128; at its end (five classes, 1,600 residents' messages) 376/384 (97.9%) and 124/128,
# 372/384 (96.9%) and 127/128, 377/384 (98.2%) and 127/128; after two mends from their misses
# (a day part said to everyone is a greeting; a letter's "will" is no testament) 125 and 128.
ORG_46_FLOOR = 0.97
DEMO_46_FLOOR = 0.965
ORG_47_FLOOR = 0.96
DEMO_47_FLOOR = 0.985
ORG_48_FLOOR = 0.975
DEMO_48_FLOOR = 0.985


def _scorer() -> ModuleType:
    if not SCORER.is_file():
        pytest.skip("../shared/eval/score.py is not beside this checkout")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _questions(name: str) -> list[dict[str, Any]]:
    rows = []
    for line in (BLIND / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if str(row.get("org", "")).endswith(".yaml"):
                row["org"] = str(BLIND / row["org"])
            rows.append(row)
    return rows


def _asked(q: dict[str, Any]) -> dict[str, Any]:
    """What the bot is given of a row: a `client_lang` is the phone's language (sets 4 and 5
    write in one language on a phone set to another), otherwise `lang` is."""
    asked: dict[str, Any] = {k: q[k] for k in ("text", "at", "lang", "org") if k in q}
    if "client_lang" in q:
        asked["lang"] = q["client_lang"]
    return asked


def _ask(questions: list[dict[str, Any]], monkeypatch, capsys) -> list[dict[str, Any]]:
    """Answers of one batch `voordeur ask --json` run, in order."""
    stdin = "".join(json.dumps(_asked(q)) + "\n" for q in questions)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main(["ask", "--json"]) == 0
    answers = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    assert len(answers) == len(questions)
    return answers


@pytest.mark.parametrize(
    ("name", "floor"),
    [
        ("questions_orgs_1.jsonl", 0.85),
        ("questions_demo_1.jsonl", 0.85),
        ("questions_org_2.jsonl", 0.85),
        ("questions_org_3.jsonl", 0.95),
        ("questions_org_4.jsonl", ORG_4_FLOOR),
        ("questions_demo_4.jsonl", DEMO_4_FLOOR),
        ("questions_org_5.jsonl", ORG_5_FLOOR),
        ("questions_demo_5.jsonl", DEMO_5_FLOOR),
        ("questions_org_6.jsonl", ORG_6_FLOOR),
        ("questions_demo_6.jsonl", DEMO_6_FLOOR),
        ("questions_org_7.jsonl", ORG_7_FLOOR),
        ("questions_demo_7.jsonl", DEMO_7_FLOOR),
        ("questions_org_8.jsonl", ORG_8_FLOOR),
        ("questions_demo_8.jsonl", DEMO_8_FLOOR),
        ("questions_org_9.jsonl", ORG_9_FLOOR),
        ("questions_demo_9.jsonl", DEMO_9_FLOOR),
        ("questions_org_10.jsonl", ORG_10_FLOOR),
        ("questions_demo_10.jsonl", DEMO_10_FLOOR),
        ("questions_org_11.jsonl", ORG_11_FLOOR),
        ("questions_demo_11.jsonl", DEMO_11_FLOOR),
        ("questions_org_12.jsonl", ORG_12_FLOOR),
        ("questions_demo_12.jsonl", DEMO_12_FLOOR),
        ("questions_org_13.jsonl", ORG_13_FLOOR),
        ("questions_demo_13.jsonl", DEMO_13_FLOOR),
        ("questions_org_14.jsonl", ORG_14_FLOOR),
        ("questions_demo_14.jsonl", DEMO_14_FLOOR),
        ("questions_org_15.jsonl", ORG_15_FLOOR),
        ("questions_demo_15.jsonl", DEMO_15_FLOOR),
        ("questions_org_16.jsonl", ORG_16_FLOOR),
        ("questions_demo_16.jsonl", DEMO_16_FLOOR),
        ("questions_org_17.jsonl", ORG_17_FLOOR),
        ("questions_demo_17.jsonl", DEMO_17_FLOOR),
        ("questions_org_18.jsonl", ORG_18_FLOOR),
        ("questions_demo_18.jsonl", DEMO_18_FLOOR),
        ("questions_org_19.jsonl", ORG_19_FLOOR),
        ("questions_demo_19.jsonl", DEMO_19_FLOOR),
        ("questions_org_20.jsonl", ORG_20_FLOOR),
        ("questions_demo_20.jsonl", DEMO_20_FLOOR),
        ("questions_org_21.jsonl", ORG_21_FLOOR),
        ("questions_demo_21.jsonl", DEMO_21_FLOOR),
        ("questions_org_23.jsonl", ORG_23_FLOOR),
        ("questions_demo_23.jsonl", DEMO_23_FLOOR),
        ("questions_org_22.jsonl", ORG_22_FLOOR),
        ("questions_demo_22.jsonl", DEMO_22_FLOOR),
        ("questions_org_24.jsonl", ORG_24_FLOOR),
        ("questions_demo_24.jsonl", DEMO_24_FLOOR),
        ("questions_org_26.jsonl", ORG_26_FLOOR),
        ("questions_demo_26.jsonl", DEMO_26_FLOOR),
        ("questions_org_25.jsonl", ORG_25_FLOOR),
        ("questions_demo_25.jsonl", DEMO_25_FLOOR),
        ("questions_org_27.jsonl", ORG_27_FLOOR),
        ("questions_demo_27.jsonl", DEMO_27_FLOOR),
        ("questions_org_30.jsonl", ORG_30_FLOOR),
        ("questions_demo_30.jsonl", DEMO_30_FLOOR),
        ("questions_org_28.jsonl", ORG_28_FLOOR),
        ("questions_demo_28.jsonl", DEMO_28_FLOOR),
        ("questions_org_29.jsonl", ORG_29_FLOOR),
        ("questions_demo_29.jsonl", DEMO_29_FLOOR),
        ("questions_org_31.jsonl", ORG_31_FLOOR),
        ("questions_demo_31.jsonl", DEMO_31_FLOOR),
        ("questions_org_32.jsonl", ORG_32_FLOOR),
        ("questions_demo_32.jsonl", DEMO_32_FLOOR),
        ("questions_org_33.jsonl", ORG_33_FLOOR),
        ("questions_demo_33.jsonl", DEMO_33_FLOOR),
        ("questions_org_34.jsonl", ORG_34_FLOOR),
        ("questions_demo_34.jsonl", DEMO_34_FLOOR),
        ("questions_org_35.jsonl", ORG_35_FLOOR),
        ("questions_demo_35.jsonl", DEMO_35_FLOOR),
        ("questions_org_36.jsonl", ORG_36_FLOOR),
        ("questions_demo_36.jsonl", DEMO_36_FLOOR),
        ("questions_org_37.jsonl", ORG_37_FLOOR),
        ("questions_demo_37.jsonl", DEMO_37_FLOOR),
        ("questions_org_38.jsonl", ORG_38_FLOOR),
        ("questions_demo_38.jsonl", DEMO_38_FLOOR),
        ("questions_org_39.jsonl", ORG_39_FLOOR),
        ("questions_demo_39.jsonl", DEMO_39_FLOOR),
        ("questions_org_40.jsonl", ORG_40_FLOOR),
        ("questions_demo_40.jsonl", DEMO_40_FLOOR),
        ("questions_org_41.jsonl", ORG_41_FLOOR),
        ("questions_demo_41.jsonl", DEMO_41_FLOOR),
        ("questions_org_42.jsonl", ORG_42_FLOOR),
        ("questions_demo_42.jsonl", DEMO_42_FLOOR),
        ("questions_org_43.jsonl", ORG_43_FLOOR),
        ("questions_demo_43.jsonl", DEMO_43_FLOOR),
        ("questions_org_44.jsonl", ORG_44_FLOOR),
        ("questions_demo_44.jsonl", DEMO_44_FLOOR),
        ("questions_org_45.jsonl", ORG_45_FLOOR),
        ("questions_demo_45.jsonl", DEMO_45_FLOOR),
        ("questions_org_46.jsonl", ORG_46_FLOOR),
        ("questions_demo_46.jsonl", DEMO_46_FLOOR),
        ("questions_org_47.jsonl", ORG_47_FLOOR),
        ("questions_demo_47.jsonl", DEMO_47_FLOOR),
        ("questions_org_48.jsonl", ORG_48_FLOOR),
        ("questions_demo_48.jsonl", DEMO_48_FLOOR),
    ],
)
def test_blind_questions_are_understood(name: str, floor: float, monkeypatch, capsys) -> None:
    score = _scorer()
    questions = _questions(name)
    answers = _ask(questions, monkeypatch, capsys)
    wrong_by_language: Counter[str] = Counter()
    total_by_language: Counter[str] = Counter()
    failures = []
    unknown_right = unknown_total = 0
    for q, got in zip(questions, answers, strict=True):
        lang = q["expect"].get("language") or got["language"]
        total_by_language[lang] += 1
        wrong = score.check(q["expect"], got)
        if q["expect"].get("intent") == "unknown":
            unknown_total += 1
            unknown_right += got["intent"] == "unknown"
        if wrong:
            wrong_by_language[lang] += 1
            failures.append((q["text"], wrong))
    right = 1 - len(failures) / len(questions)
    per_language = ", ".join(
        f"{lang} {total_by_language[lang] - wrong_by_language[lang]}/{total_by_language[lang]}"
        for lang in sorted(total_by_language)
    )
    with capsys.disabled():
        print(
            f"\nblind {name}: {len(questions) - len(failures)}/{len(questions)} fully right"
            f" ({right:.1%}); out of scope answered unknown {unknown_right}/{unknown_total};"
            f" per language: {per_language}"
        )
    assert right >= floor, failures


@pytest.mark.parametrize(
    ("name", "min_recall", "max_alarms"),
    [
        ("safety_1.jsonl", 0.97, 0.03),
        ("safety_2.jsonl", 0.98, 0.03),
        ("safety_3.jsonl", 0.98, 0.03),
        ("safety_4.jsonl", SAFETY_4_RECALL, SAFETY_4_ALARMS),
        ("safety_5.jsonl", SAFETY_5_RECALL, SAFETY_5_ALARMS),
        ("safety_6.jsonl", SAFETY_6_RECALL, SAFETY_6_ALARMS),
        ("safety_7.jsonl", SAFETY_7_RECALL, SAFETY_7_ALARMS),
        ("safety_8.jsonl", SAFETY_8_RECALL, SAFETY_8_ALARMS),
        ("safety_9.jsonl", SAFETY_9_RECALL, SAFETY_9_ALARMS),
        ("safety_10.jsonl", SAFETY_10_RECALL, SAFETY_10_ALARMS),
        ("safety_11.jsonl", SAFETY_11_RECALL, SAFETY_11_ALARMS),
        ("safety_12.jsonl", SAFETY_12_RECALL, SAFETY_12_ALARMS),
        ("safety_13.jsonl", SAFETY_13_RECALL, SAFETY_13_ALARMS),
    ],
)
def test_blind_crisis_messages_are_caught_in_their_language(
    name: str, min_recall: float, max_alarms: float, monkeypatch, capsys
) -> None:
    rows = _questions(name)
    answers = _ask(rows, monkeypatch, capsys)
    caught = crises = false_alarms = calm = right_language = distress_right = distress = 0
    missed: list[str] = []
    alarmed: list[str] = []
    for row, got in zip(rows, answers, strict=True):
        want = row["expect"]["safety"]
        if want in CRISES:
            crises += 1
            if got.get("safety") in CRISES:
                caught += 1
                right_language += got["language"] == row["expect"]["language"]
            else:
                missed.append(row["text"])
        else:
            calm += 1
            if got.get("safety") in CRISES:
                false_alarms += 1
                alarmed.append(row["text"])
            if want == "distress":
                distress += 1
                distress_right += got.get("safety") == "distress"
    recall = caught / crises
    alarm_rate = false_alarms / calm
    with capsys.disabled():
        print(
            f"\nblind crisis set {name}: recall {caught}/{crises} ({recall:.1%}), false alarms"
            f" {false_alarms}/{calm} ({alarm_rate:.1%}), crises answered in the message's"
            f" language {right_language}/{caught}, distress recognised {distress_right}/{distress}"
        )
    assert recall >= min_recall, missed
    assert alarm_rate <= max_alarms, alarmed
