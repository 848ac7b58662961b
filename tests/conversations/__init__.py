"""Tests of the conversations package; helpers shared by the understanding tests."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from conversations.understanding import Understander
from data import demo_path
from storage.datafile import load_organisation

NOW = datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Europe/Brussels"))
"""Monday 23 November 2026, 10:15 in Oostende: the moment the sample questions are asked."""


@cache
def understander(org_id: str = "oostende") -> Understander:
    """The understander of a bundled demo organisation, built once per test run."""
    return Understander(load_organisation(demo_path(org_id)))
