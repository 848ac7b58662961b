"""Staff re-import their data file as often as they like; residents' sign-ups are never lost."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from storage.clock import FixedClock
from storage.datafile import DataFileError, parse_organisation
from storage.db import Database, Store
from storage.importer import (
    import_file,
    import_organisation,
    load_organisation_from_store,
    organisation_ids,
)
from storage.model import Organisation
from storage.records import (
    ChangeKind,
    ImportReport,
    SignupStatus,
    get_organisation_source,
    insert_signup,
    list_occurrence_changes,
    list_records,
    list_signups,
    set_resident_language,
)


@pytest.fixture
def store(any_store: Database) -> Database:
    """Every test of this module runs on each backend (see tests/storage/conftest.py)."""
    return any_store


LUNCH_TUESDAY = "FREQ=WEEKLY;BYDAY=TU"


def data_file(
    *,
    lunch_title: str = "{nl: Middagmaal, en: Lunch}",
    lunch_rule: str = LUNCH_TUESDAY,
    with_lunch: bool = True,
    extra_activity: bool = False,
    closures: str = "",
    comment: str = "",
    phone: str = "09 000 00 00",
) -> str:
    """A small organisation's data file, with the parts the tests change as parameters."""
    lunch = f"""
  - id: lunch-noord
    title: {lunch_title}
    centre: noord
    when: {{repeat: "{lunch_rule}", from: 2026-11-02, until: 2027-06-30, time: "12:00-13:00"}}
    capacity: 30
    price: 9.50
    signup: per-date
"""
    extra = """
  - id: koffie-noord
    title: {nl: Koffieklets, en: Coffee morning}
    centre: noord
    when:
      {repeat: "FREQ=WEEKLY;BYDAY=TH", from: 2026-11-02, until: 2027-06-30, time: "10:00-11:30"}
"""
    crafts = """
  - id: crea-noord
    title: Creatief atelier
    centre: noord
    when:
      {repeat: "FREQ=WEEKLY;BYDAY=FR", from: 2026-11-02, until: 2027-06-30, time: "14:00-16:00"}
    signup: per-date
"""
    activities = (lunch if with_lunch else "") + crafts + (extra if extra_activity else "")
    return f"""# Voorbeeldstad test organisation{comment}
organisation:
  id: voorbeeld
  name: Voorbeeldstad
  country: BE
  timezone: Europe/Brussels
  default_language: nl
{closures}
centres:
  - id: noord
    name: {{nl: Ontmoetingscentrum Noord, fr: Centre de rencontre Nord}}
    address: Kerkstraat 1, 9000 Voorbeeldstad
    phone: {phone}
    hours: "Mo-Fr 09:00-16:00; PH off"

volunteers:
  - {{id: v-an, name: An Peeters, language: nl}}

activities:{activities}
"""


def parse(text: str) -> Organisation:
    """The organisation of a data file that must be valid."""
    org, problems = parse_organisation(text, "voorbeeld.yaml")
    assert org is not None, [str(p) for p in problems]
    return org


async def load(store: Store, text: str, now: datetime) -> ImportReport:
    """Import a data file's text as `voordeur import` would."""
    return await import_organisation(
        store, parse(text), text, now=now, source_name="voorbeeld.yaml"
    )


async def sign_up(
    store: Store,
    resident: int,
    start: str,
    now: datetime,
    *,
    activity: str = "lunch-noord",
    status: SignupStatus = SignupStatus.CONFIRMED,
    companions: int = 0,
) -> int:
    """A resident signs up for an occurrence; returns the sign-up id."""
    await set_resident_language(store, resident, "nl", now=now)
    signup = await insert_signup(
        store,
        org_id="voorbeeld",
        activity_id=activity,
        centre_id="noord",
        start=start,
        resident_id=resident,
        companions=companions,
        status=status,
        now=now,
    )
    return signup.id


async def record_stamps(store: Store) -> dict[tuple[str, str], str]:
    """When each data-file row was last written, to prove rows were left alone."""
    stamps: dict[tuple[str, str], str] = {}
    for kind in ("centres", "activities", "volunteers"):
        for row in await store.fetch_all(f"SELECT id, updated_at FROM {kind}"):
            stamps[(kind, row["id"])] = row["updated_at"]
    return stamps


async def test_first_import_stores_every_record_and_the_file_itself(
    store: Store, fixed_clock: FixedClock
) -> None:
    text = data_file()
    report = await load(store, text, fixed_clock.now())

    assert report.first_import and not report.unchanged
    assert report.counts["centres"].added == 1
    assert report.counts["activities"].added == 2
    assert report.counts["volunteers"].added == 1
    assert await organisation_ids(store) == ["voorbeeld"]
    activities = await list_records(store, "activities", "voorbeeld")
    assert [r.id for r in activities] == ["crea-noord", "lunch-noord"]
    assert activities[1].record["title"]["values"]["en"] == "Lunch"
    stored = await load_organisation_from_store(store, "voorbeeld")
    assert stored == parse(text)
    assert report.summary_lines()[0] == "voorbeeld: imported"


async def test_importing_the_same_file_twice_changes_nothing(
    store: Store, fixed_clock: FixedClock
) -> None:
    text = data_file()
    await load(store, text, fixed_clock.now())
    before = await record_stamps(store)
    source_before = await get_organisation_source(store, "voorbeeld")

    fixed_clock.advance(timedelta(days=1))
    report = await load(store, text, fixed_clock.now())

    assert report.unchanged
    assert report.summary_lines() == ["voorbeeld: unchanged"]
    assert await record_stamps(store) == before
    assert await get_organisation_source(store, "voorbeeld") == source_before


async def test_a_new_comment_in_the_file_keeps_the_text_but_touches_no_record(
    store: Store, fixed_clock: FixedClock
) -> None:
    await load(store, data_file(), fixed_clock.now())
    before = await record_stamps(store)
    fixed_clock.advance(timedelta(hours=1))

    commented = data_file(comment="\n# phone number checked by Els")
    report = await load(store, commented, fixed_clock.now())

    assert report.unchanged and report.source_changed
    assert await record_stamps(store) == before
    source = await get_organisation_source(store, "voorbeeld")
    assert source is not None and source.source_text == commented


async def test_a_changed_title_updates_that_activity_and_nothing_else(
    store: Store, fixed_clock: FixedClock
) -> None:
    await load(store, data_file(), fixed_clock.now())
    before = await record_stamps(store)
    fixed_clock.advance(timedelta(hours=1))

    report = await load(
        store,
        data_file(lunch_title="{nl: Warme middagmaaltijd, en: Hot lunch}"),
        fixed_clock.now(),
    )

    assert not report.unchanged
    assert report.counts["activities"].changed == 1
    assert report.counts["activities"].unchanged == 1
    assert not report.counts["centres"].touched
    after = await record_stamps(store)
    assert after[("activities", "lunch-noord")] != before[("activities", "lunch-noord")]
    assert after[("centres", "noord")] == before[("centres", "noord")]
    stored = await load_organisation_from_store(store, "voorbeeld")
    lunch = stored.activity("lunch-noord")
    assert lunch is not None and lunch.title.get("en") == "Hot lunch"
    row = await store.fetch_value("SELECT record FROM activities WHERE id = 'lunch-noord'")
    assert json.loads(row)["title"]["values"]["nl"] == "Warme middagmaaltijd"
    assert "  activities: 0 added, 1 changed, 0 removed, 1 unchanged" in report.summary_lines()


async def test_sign_up_for_a_lunch_that_still_takes_place_survives_other_changes(
    store: Store, fixed_clock: FixedClock
) -> None:
    now = fixed_clock.now()
    await load(store, data_file(), now)
    signup_id = await sign_up(store, 1, "2026-11-24T12:00", now, companions=1)

    report = await load(store, data_file(extra_activity=True, phone="09 111 11 11"), now)

    assert report.counts["activities"].added == 1
    assert report.counts["centres"].changed == 1
    assert report.disappeared == ()
    [kept] = await list_signups(store, "voorbeeld")
    assert (kept.id, kept.status, kept.party_size) == (signup_id, SignupStatus.CONFIRMED, 2)
    assert await list_occurrence_changes(store, "voorbeeld") == []


async def test_lunch_moved_from_tuesday_to_wednesday_keeps_the_sign_up_and_reports_the_move(
    store: Store, fixed_clock: FixedClock
) -> None:
    now = fixed_clock.now()
    await load(store, data_file(), now)
    await sign_up(store, 1, "2026-11-24T12:00", now, companions=2)
    await sign_up(store, 2, "2026-11-24T12:00", now, status=SignupStatus.WAITING)

    report = await load(store, data_file(lunch_rule="FREQ=WEEKLY;BYDAY=WE"), now)

    [gone] = report.disappeared
    assert (gone.activity_id, gone.centre_id, gone.start) == (
        "lunch-noord",
        "noord",
        "2026-11-24T12:00",
    )
    assert (gone.residents, gone.people) == (2, 4)
    assert gone.change is ChangeKind.MOVED and gone.new_start == "2026-11-25T12:00"
    signups = await list_signups(store, "voorbeeld", active_only=True)
    assert [(s.resident_id, s.occurrence_start) for s in signups] == [
        (1, "2026-11-24T12:00"),
        (2, "2026-11-24T12:00"),
    ]
    [change] = await list_occurrence_changes(store, "voorbeeld", pending_only=True)
    assert (change.occurrence_start, change.change, change.new_start) == (
        "2026-11-24T12:00",
        ChangeKind.MOVED,
        "2026-11-25T12:00",
    )
    assert change.notified_at is None
    assert any("moved to 2026-11-25 12:00" in line for line in report.summary_lines())


async def test_removed_lunch_keeps_its_sign_ups_as_rows_and_records_the_removal(
    store: Store, fixed_clock: FixedClock
) -> None:
    now = fixed_clock.now()
    await load(store, data_file(), now)
    await sign_up(store, 1, "2026-11-24T12:00", now)
    await sign_up(store, 2, "2026-12-01T12:00", now)
    await sign_up(store, 3, "2026-11-10T12:00", now)  # last week: history, not a notice

    report = await load(store, data_file(with_lunch=False), now)

    assert report.counts["activities"].removed == 1
    assert [(g.start, g.change) for g in report.disappeared] == [
        ("2026-11-24T12:00", ChangeKind.REMOVED),
        ("2026-12-01T12:00", ChangeKind.REMOVED),
    ]
    assert len(await list_signups(store, "voorbeeld", active_only=True)) == 3
    activities = await list_records(store, "activities", "voorbeeld", include_removed=True)
    removed = {r.id: r.removed_at for r in activities}
    assert removed["lunch-noord"] is not None and removed["crea-noord"] is None
    assert [r.id for r in await list_records(store, "activities", "voorbeeld")] == ["crea-noord"]
    changes = await list_occurrence_changes(store, "voorbeeld")
    assert [(c.occurrence_start, c.change) for c in changes] == [
        ("2026-11-24T12:00", ChangeKind.REMOVED),
        ("2026-12-01T12:00", ChangeKind.REMOVED),
    ]
    assert (await load_organisation_from_store(store, "voorbeeld")).activity("lunch-noord") is None


async def test_a_new_closure_on_a_lunch_day_is_reported_like_a_removal(
    store: Store, fixed_clock: FixedClock
) -> None:
    now = fixed_clock.now()
    await load(store, data_file(), now)
    await sign_up(store, 1, "2026-11-24T12:00", now)
    await sign_up(store, 2, "2026-12-01T12:00", now)

    closure = "  closures:\n    - {date: 2026-11-24, reason: Personeelsdag}\n"
    report = await load(store, data_file(closures=closure), now)

    assert report.settings_changed
    assert [(g.start, g.change) for g in report.disappeared] == [
        ("2026-11-24T12:00", ChangeKind.REMOVED)
    ]


async def test_cancelled_sign_ups_are_not_reported_when_their_lunch_goes(
    store: Store, fixed_clock: FixedClock
) -> None:
    now = fixed_clock.now()
    await load(store, data_file(), now)
    await sign_up(store, 1, "2026-11-24T12:00", now, status=SignupStatus.CANCELLED)

    report = await load(store, data_file(with_lunch=False), now)

    assert report.disappeared == ()
    assert await list_occurrence_changes(store, "voorbeeld") == []


async def test_importing_the_changed_file_again_records_each_change_once(
    store: Store, fixed_clock: FixedClock
) -> None:
    now = fixed_clock.now()
    await load(store, data_file(), now)
    await sign_up(store, 1, "2026-11-24T12:00", now)
    await load(store, data_file(with_lunch=False), now)
    fixed_clock.advance(timedelta(minutes=5))

    again = await load(store, data_file(with_lunch=False), fixed_clock.now())

    assert again.unchanged
    [change] = await list_occurrence_changes(store, "voorbeeld")
    assert change.detected_at == now


async def test_lunch_put_back_before_anyone_was_told_withdraws_the_change(
    store: Store, fixed_clock: FixedClock
) -> None:
    now = fixed_clock.now()
    await load(store, data_file(), now)
    await sign_up(store, 1, "2026-11-24T12:00", now)
    await load(store, data_file(with_lunch=False), now)

    report = await load(store, data_file(), now)

    assert report.counts["activities"].added == 1
    assert report.disappeared == ()
    assert report.restored == ("lunch-noord at noord 2026-11-24T12:00",)
    assert await list_occurrence_changes(store, "voorbeeld") == []
    [signup] = await list_signups(store, "voorbeeld")
    assert signup.status is SignupStatus.CONFIRMED


async def test_import_file_refuses_a_broken_file_and_changes_nothing(
    store: Store, fixed_clock: FixedClock, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(data_file().replace("Europe/Brussels", "Europe/Oostende"))
    with pytest.raises(DataFileError) as raised:
        await import_file(store, broken, now=fixed_clock.now())
    assert raised.value.problems
    assert await organisation_ids(store) == []

    with pytest.raises(DataFileError, match="cannot read"):
        await import_file(store, tmp_path / "missing.yaml", now=fixed_clock.now())


async def test_import_file_loads_a_good_file_and_remembers_where_it_came_from(
    store: Store, fixed_clock: FixedClock, tmp_path: Path
) -> None:
    path = tmp_path / "voorbeeld.yaml"
    path.write_text(data_file(), encoding="utf-8")
    report = await import_file(store, path, now=fixed_clock.now())
    assert report.first_import
    source = await get_organisation_source(store, "voorbeeld")
    assert source is not None and source.source_name == str(path)
    assert (await import_file(store, path, now=fixed_clock.now())).unchanged


@pytest.mark.parametrize("name", ["oostende", "kortrijk", "denhaag-zuidwest"])
async def test_bundled_demo_organisations_import_and_reimport_unchanged(
    store: Store, fixed_clock: FixedClock, name: str
) -> None:
    path = Path(__file__).parents[2] / "data" / f"{name}.yaml"
    first = await import_file(store, path, now=fixed_clock.now())
    assert first.first_import and first.counts["centres"].added > 0
    assert (await import_file(store, path, now=fixed_clock.now())).unchanged
    assert await load_organisation_from_store(store, first.org_id) is not None
