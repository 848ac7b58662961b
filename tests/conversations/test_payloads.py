"""Typed button payloads: each packs into Telegram's 64 bytes and reads back as itself, only."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from conversations import payloads as p
from conversations.answers.desks import DeskTopics
from conversations.payloads import Payload, unpack_any
from conversations.reply import Button

NOON = datetime(2026, 12, 17, 12, 0)

SAMPLES: list[Payload] = [
    p.Menu(),
    p.Hours(),
    p.Hours("centrum"),
    p.Hours("centrum", date(2026, 12, 24)),
    p.Contact("stene"),
    p.WhatsOn(),
    p.WhatsOn("stene"),
    p.WhatsOnPage("*", date(2026, 11, 23), date(2026, 11, 29), 2),
    p.CentrePage("h", 1),
    p.CentrePage("h", 1, date(2026, 12, 24)),
    p.CentrePage("c", 2, None, "0.3.5"),
    p.Desks("letters-centrum"),
    p.Nearest(),
    p.Language("uk"),
    p.Resume(),
    p.Privacy(),
    p.Privacy("del!"),
    p.Consent(),
    p.Consent("tr"),
    p.SignupStart("christmas-lunch"),
    p.SignupStart("lunch-centrum", "centrum", NOON),
    p.SignupCentre("stene"),
    p.SignupCentrePage(1),
    p.SignupDate(NOON),
    p.SignupTime(NOON),
    p.SignupOption(0, 2),
    p.SignupCompanions(3),
    p.SignupTariff(True),
    p.SignupTariff(False),
    p.SignupTariff(),
    p.SignupConsent(),
    p.SignupConfirm(),
    p.SignupDecline(),
    p.SignupChange("menu"),
    p.MySignups(),
    p.SignupCalendar(12),
    p.AskCancelSignup(12),
    p.CancelSignup(12),
    p.ReminderAnswer("N", 7),
    p.ReminderSettings(),
    p.ReminderSettings("day_before"),
    p.Feedback(),
    p.FeedbackRating(7, 5),
    p.FeedbackNever(0),
    p.FeedbackAgain(),
    p.FeedbackNoComment(),
    p.FeedbackConsent("y"),
    p.Help(),
    p.HelpTopic("money"),
    p.HelpCentre("ok", "money", "centrum"),
    p.HelpStep("nophone"),
    p.HelpMoment("am1"),
    p.HelpBack("phone"),
    p.HelpCentrePage(2),
    p.Inbox(),
    p.Inbox("claimed"),
    p.Inbox("open", 3),
    p.InboxAction("c", 42),
    p.MyShifts(),
    p.MyShiftsPage(2),
    p.OpenShifts(8),
    p.Unlink(),
    p.UnlinkConfirmed(),
    p.ShiftAction("c!!", "reception-centrum", NOON),
    p.VolunteerJoin(),
    p.VolunteerJoinChoice("c", "*"),
    p.VolunteerJoinPage(1),
    p.VolunteerJoinAnswer("ok"),
    p.VolunteerCode(),
    p.VolunteerCode("v-marie", "!"),
    p.Staff(),
    p.StaffActivity(3),
    p.StaffSession(0),
    p.StaffBack(),
    p.StaffAction("x!", "0badc0de"),
    p.StaffMark(12, True, "0badc0de"),
    p.DeskTime(NOON, "0badc0de"),
    p.DeskOption(1, 2, "0badc0de"),
    p.DeskCompanions(2, "0badc0de"),
]
SAMPLES.append(DeskTopics(1))  # the desk topics' "More" (conversations/answers/desks.py)


@pytest.mark.parametrize("payload", SAMPLES, ids=lambda s: s.pack())
def test_every_payload_fits_telegram_and_reads_back_as_itself(payload: Payload) -> None:
    data = payload.pack()
    assert len(data.encode()) <= 64
    assert type(payload).unpack(data) == payload
    assert unpack_any(data) == payload  # no other type claims it


def test_every_payload_type_has_a_sample() -> None:
    assert {type(s) for s in SAMPLES} == set(p._REGISTRY)


def test_the_strings_are_the_ones_old_chats_and_queued_notices_carry() -> None:
    # A restart must not turn buttons sent yesterday into "no longer valid".
    assert p.SignupTariff(True).pack() == "su:r:1"
    assert p.SignupStart("lunch-centrum", "centrum", NOON).pack() == (
        "su:a:lunch-centrum:centrum:202612171200"
    )
    assert p.ReminderAnswer("y", 42).pack() == "r:y:42"
    assert p.StaffMark(12, False, "0badc0de").pack() == "st:m:12.0:0badc0de"
    assert p.Inbox("open", 2).pack() == "hq:l:open:2"


@pytest.mark.parametrize(
    "forged",
    [
        "",
        "su:r:2",  # a bool is 0 or 1
        "su:r:1:1",  # one field too many
        "su:o:0",  # one field missing
        "su:d:202613011200",  # no 13th month
        "su:n:-1",
        "su:a",  # the activity is required
        "su:a:lunch::202612171200",  # a start without a centre
        "fb:r:7:9",  # no such rating
        "r:z:7",  # no such reminder button
        "v:x:reception:202612171200",  # no such shift action
        "w:*:20261129:20261123:0",  # a listing that runs backwards
        "st:m:12.7:0badc0de",
        "hq:l:open:abc",
        "zz:1",
        "x:ok:",  # an empty language
        "su:n:007",
    ],
)
def test_forged_or_mangled_payloads_read_back_as_nothing(forged: str) -> None:
    assert unpack_any(forged) is None


def test_a_payload_that_would_not_fit_is_refused_when_packed() -> None:
    too_long = p.SignupStart("x" * 40, "y" * 20)
    assert not too_long.fits()
    with pytest.raises(ValueError):
        too_long.pack()
    with pytest.raises(ValueError):
        p.SignupCentre("two words").pack()  # no spaces, no separators in a field


def test_an_aware_start_packs_as_local_wall_clock_time() -> None:
    aware = NOON.replace(tzinfo=ZoneInfo("Europe/Brussels"))
    assert p.SignupDate(aware) == p.SignupDate(NOON)
    assert p.SignupDate(aware).pack() == "su:d:202612171200"


def test_a_button_takes_a_typed_payload_and_reads_it_back() -> None:
    button = Button("Yes", p.SignupTariff(True))
    assert button.payload == "su:r:1" and button.typed == p.SignupTariff(True)
    assert p.ShiftAction("c", "reception", NOON).rest() == "c:reception:202612171200"
