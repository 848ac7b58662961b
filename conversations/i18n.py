"""Translations and locale formatting, chosen per message (no global gettext.install)."""

from __future__ import annotations

import gettext
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.numbers import format_currency
from babel.support import NullTranslations, Translations

from locales import LOCALES_DIR
from storage.model import LANGUAGES

DOMAIN = "messages"
RTL_LANGUAGES = frozenset({"ar"})


def normalise_language(code: str | None) -> str | None:
    """Map a client language code such as "en-GB" or "pt-BR" to a supported language, or None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


@lru_cache(maxsize=64)
def _translations(lang: str, locales_dir: Path) -> NullTranslations:
    return Translations.load(str(locales_dir), [lang], DOMAIN)


def _formatting_locale(lang: str, country: str) -> Locale:
    for tag in (f"{lang}_{country}", lang):
        try:
            return Locale.parse(tag)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("en")


class Translator:
    """Texts and formats for one language in one country, e.g. Turkish in Belgium."""

    def __init__(self, lang: str, country: str = "BE", locales_dir: Path = LOCALES_DIR) -> None:
        self.lang = lang
        self.country = country
        self.locale = _formatting_locale(lang, country)
        self._t = _translations(lang, locales_dir)

    @property
    def rtl(self) -> bool:
        """Whether the language is written right to left."""
        return self.lang in RTL_LANGUAGES

    def gettext(self, message: str) -> str:
        """The translation of `message`."""
        return self._t.gettext(message)

    __call__ = gettext

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The translation of a message that depends on a count."""
        return self._t.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """The translation of `message` in a context, for words with two meanings."""
        return self._t.pgettext(context, message)

    def date(self, day: date | datetime, style: str = "long_weekday") -> str:
        """A date as residents read it: "dinsdag 24 november" (style "long_weekday")."""
        if style == "long_weekday":
            return format_date(day, "EEEE d MMMM", locale=self.locale)
        if style == "weekday":
            return format_date(day, "EEEE", locale=self.locale)
        if style == "short":
            return format_date(day, "EEE d MMM", locale=self.locale)
        return format_date(day, style, locale=self.locale)

    def time(self, moment: time | datetime) -> str:
        """A time of day on the 24-hour clock, as timetables in Belgium and the Netherlands are."""
        if isinstance(moment, datetime):
            moment = moment.time()
        if moment == time.max:  # an interval that runs to midnight
            return "24:00"
        return format_time(moment, "HH:mm", locale=self.locale)

    def price(self, amount: Decimal | float) -> str:
        """An amount in euro formatted for the locale: "€ 9,50" or "9,50 €"."""
        return format_currency(Decimal(str(amount)), "EUR", locale=self.locale)


class I18n:
    """Hands out translators and caches them."""

    def __init__(self, country: str = "BE", locales_dir: Path = LOCALES_DIR) -> None:
        self.country = country
        self.locales_dir = locales_dir
        self._cache: dict[str, Translator] = {}

    def get(self, lang: str) -> Translator:
        """The translator for a supported language code."""
        if lang not in self._cache:
            self._cache[lang] = Translator(lang, self.country, self.locales_dir)
        return self._cache[lang]


def available_catalogs(locales_dir: Path = LOCALES_DIR) -> dict[str, bool]:
    """For each supported language, whether a compiled catalog is present."""
    return {lang: bool(gettext.find(DOMAIN, str(locales_dir), [lang])) for lang in LANGUAGES}
