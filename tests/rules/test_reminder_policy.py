"""Reminder moments: the day before at 17:00, two hours before, never in quiet hours."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from rules.reminders import in_quiet_hours, reminder_times
from storage.model import ReminderPolicy

TZ = ZoneInfo("Europe/Brussels")
POLICY = ReminderPolicy()


def test_lunch_reminders_come_the_day_before_at_five_and_two_hours_before() -> None:
    times = reminder_times(datetime(2026, 12, 17, 12, 0, tzinfo=TZ), POLICY)
    assert times["day_before"] == datetime(2026, 12, 16, 17, 0, tzinfo=TZ)
    assert times["same_day"] == datetime(2026, 12, 17, 10, 0, tzinfo=TZ)


def test_early_morning_reminder_is_not_sent_at_night_and_not_twice_the_evening_before() -> None:
    times = reminder_times(datetime(2026, 12, 1, 9, 0, tzinfo=TZ), POLICY)
    assert times == {"day_before": datetime(2026, 11, 30, 17, 0, tzinfo=TZ)}
    same_day_only = reminder_times(datetime(2026, 12, 1, 9, 0, tzinfo=TZ), POLICY, "same_day")
    assert same_day_only == {"same_day": datetime(2026, 11, 30, 20, 0, tzinfo=TZ)}


def test_reminders_keep_their_wall_clock_time_across_summer_time() -> None:
    spring = reminder_times(datetime(2027, 3, 29, 12, 0, tzinfo=TZ), POLICY)
    assert spring["day_before"].hour == 17
    assert spring["day_before"].utcoffset() == timedelta(hours=2)  # summer time
    autumn = reminder_times(datetime(2027, 11, 1, 12, 0, tzinfo=TZ), POLICY)
    assert autumn["day_before"].hour == 17
    assert autumn["day_before"].utcoffset() == timedelta(hours=1)


def test_resident_who_wants_no_reminders_gets_none() -> None:
    assert reminder_times(datetime(2026, 12, 17, 12, 0, tzinfo=TZ), POLICY, "none") == {}


def test_quiet_hours_run_overnight() -> None:
    assert in_quiet_hours(datetime(2026, 12, 1, 22, 0, tzinfo=TZ), POLICY)
    assert in_quiet_hours(datetime(2026, 12, 1, 7, 59, tzinfo=TZ), POLICY)
    assert not in_quiet_hours(datetime(2026, 12, 1, 8, 0, tzinfo=TZ), POLICY)
