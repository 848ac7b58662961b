"""The holidays library loads only the countries asked for (storage/holiday_library.py: ~8 MB
less for the bot), and a data file is still checked against every country code."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import json, sys
from storage.datafile import check_file
from storage.holiday_library import country_codes, holidays
from data import demo_path
problems = check_file(demo_path("oostende"))
be = holidays.country_holidays("BE", years=2026, language="nl")
nl = holidays.country_holidays("NL", years=2026, language="nl")
print(json.dumps({
    "loaded": sorted(m for m in sys.modules if m.startswith("holidays.countries.")),
    "be": be.get("2026-07-21"), "nl": nl.get("2026-04-27"),
    "codes": ["BE" in country_codes(), "NL" in country_codes(), "FR" in country_codes(),
              "XX" in country_codes()],
    "errors": [p.message for p in problems if p.severity == "error"],
}))
"""


def test_belgian_and_dutch_holidays_load_two_countries_not_all() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    )
    found = json.loads(done.stdout)
    assert found["be"] == "Nationale feestdag"
    assert found["nl"] == "Koningsdag"
    assert found["codes"] == [True, True, True, False]  # every code known, none loaded for it
    assert found["errors"] == []  # the data file check still reads holidays blocks
    assert set(found["loaded"]) <= {"holidays.countries.belgium", "holidays.countries.netherlands"}
