"""Dates, headings and small texts read right in every language (Babel's own patterns)."""

from __future__ import annotations

from datetime import date

import pytest
from babel.dates import format_date

from conversations.engine import FrontDoor
from conversations.i18n import Translator
from conversations.payloads import Consent, Language, WhatsOnPage
from storage.model import LANGUAGES
from tests.conversations.chat import press, text
from tests.conversations.test_whats_on_places import TUESDAY, take

MONDAY_7_DECEMBER = date(2026, 12, 7)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_long_date_keeps_the_case_of_babels_month_and_weekday_names(lang: str) -> None:
    tr = Translator(lang)
    shown = tr.date(MONDAY_7_DECEMBER)
    heading = tr.heading_date(MONDAY_7_DECEMBER)
    for name in (
        format_date(MONDAY_7_DECEMBER, "MMMM", locale=tr.locale),
        format_date(MONDAY_7_DECEMBER, "EEEE", locale=tr.locale),
    ):
        # "Dezember" stays "Dezember" and "Aralık" stays "Aralık", wherever it stands.
        assert name in shown, (lang, shown)
        assert name[1:] in heading, (lang, heading)
    assert heading[0] == heading[0].upper()


def test_dates_follow_each_locales_own_order_and_punctuation() -> None:
    assert Translator("de").date(MONDAY_7_DECEMBER) == "Montag, 7. Dezember"
    assert Translator("en").heading_date(MONDAY_7_DECEMBER) == "Monday, 7 December"
    assert Translator("nl").heading_date(MONDAY_7_DECEMBER) == "Maandag 7 december"
    assert Translator("tr").date(MONDAY_7_DECEMBER) == "7 Aralık Pazartesi"
    assert Translator("de").date(MONDAY_7_DECEMBER, "short") == "Mo., 7. Dez."


@pytest.mark.parametrize("lang", ["de", "en", "tr"])
async def test_the_whats_on_day_heading_keeps_the_month_as_the_locale_writes_it(
    door: FrontDoor, lang: str
) -> None:
    day = TUESDAY.date()
    listing = text(await press(door, WhatsOnPage("mariakerke", day, day, 0), lang=lang))
    month = format_date(day, "MMMM", locale=Translator(lang).locale)
    assert month in listing
    assert month.lower() not in listing.replace(month, "")


def test_arabic_lists_take_the_arabic_comma() -> None:
    assert Translator("ar").join(["09:00–12:00", "13:00–16:30"]) == "09:00–12:00، 13:00–16:30"
    assert Translator("fr").join(["a", "b"]) == "a, b"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
async def test_agreeing_to_keep_a_chosen_language_thanks_in_that_language(
    door: FrontDoor, lang: str
) -> None:
    await press(door, Language(lang), lang="en")
    agreed = text(await press(door, Consent(lang), lang="en"))
    assert "Thank you" not in agreed
    assert agreed.startswith(Translator(lang).gettext("Thank you!"))


# The word each language uses for hours: appointment slots are not hours.
HOURS = {"nl": "uur", "fr": "heure", "de": "Stunde", "tr": "saat", "pl": "godzin", "uk": "годин"}


@pytest.mark.parametrize("lang", sorted(HOURS))
async def test_free_appointment_slots_are_not_called_hours(door: FrontDoor, lang: str) -> None:
    for slot in (9, 10, 11):
        await take(door, "pedicure", "mariakerke", TUESDAY.replace(hour=slot), 1)
    day = TUESDAY.date()
    listing = text(await press(door, WhatsOnPage("mariakerke", day, day, 0), lang=lang))
    free = Translator(lang).ngettext(
        "by appointment, {n} free slot", "by appointment, {n} free slots", 3
    )
    assert free.format(n=3) in listing
    assert HOURS[lang] not in free.lower(), free
