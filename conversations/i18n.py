"""Translations and locale formatting, chosen per message (no global gettext.install)."""

from __future__ import annotations

import io
import re
from datetime import date as Day  # the method `date` hides the type in the class
from datetime import datetime, time
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, match_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency
from babel.support import NullTranslations, Translations

from conversations.bidi import RTL_LANGUAGES
from locales import LOCALES_DIR
from storage.model import LANGUAGES

DOMAIN = "messages"
# Date skeletons (CLDR field letters, no order): the locale decides order and punctuation.
_SKELETONS = {
    "long_weekday": "MMMMEEEEd",
    "short": "MMMEd",
    "day_month": "MMMd",
    "weekday": "EEEE",
}
# Field kinds of a pattern letter, to widen the locale's nearest pattern to the width asked.
_FIELD = {"M": "M", "L": "M", "E": "E", "c": "E", "d": "d"}
_PATTERN_PART = re.compile(r"'[^']*'|([A-Za-z])\1*")
_LIST_SEPARATOR = {"ar": "، "}  # Arabic lists take the Arabic comma


def normalise_language(code: str | None) -> str | None:
    """Map a client language code such as "en-GB" or "pt-BR" to a supported language, or None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


class CatalogMissing(Exception):
    """A language's catalog is absent or unreadable: the bot would answer it in English."""


def catalog_path(lang: str, locales_dir: Path = LOCALES_DIR) -> Path:
    """Where the catalog of a language is: locales/<lang>/LC_MESSAGES/messages.po."""
    return locales_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


# The .po files are read at run time, not compiled .mo files: they are the one source, so any
# way of installing (wheel, sdist, editable, a bare checkout without `make`) has them, and a
# catalog can never be stale. Reading one takes a few milliseconds, once per process.
@lru_cache(maxsize=64)
def _translations(lang: str, locales_dir: Path) -> NullTranslations:
    path = catalog_path(lang, locales_dir)
    try:
        with open(path, "rb") as handle:
            catalog = read_po(handle, locale=lang, domain=DOMAIN)
    except OSError as error:
        raise CatalogMissing(
            f"The {lang} translations are missing ({path} cannot be read): reinstall voordeur,"
            " or run it from a complete checkout."
        ) from error
    except Exception as error:  # babel reports a broken .po with assorted exceptions
        raise CatalogMissing(
            f"The {lang} translations in {path} cannot be read ({error}): restore the file"
            " from the release or the repository."
        ) from error
    if not any(message.id and message.string and not message.fuzzy for message in catalog):
        raise CatalogMissing(
            f"The {lang} translations in {path} are empty: restore the file from the release"
            " or the repository."
        )
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries left out, as `pybabel compile` does
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


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
        self._patterns: dict[str, str] = {}
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
        return str(self._t.pgettext(context, message))

    def date(self, day: Day | datetime, style: str = "long_weekday") -> str:
        """A date as residents read it: "dinsdag 24 november", "Montag, 7. Dezember".

        Styles "long_weekday", "short", "day_month" and "weekday" use the locale's own pattern for
        that set of fields (order, punctuation, case as CLDR has them); any other style is a
        pattern.
        """
        skeleton = _SKELETONS.get(style)
        pattern = style if skeleton is None else self._pattern(skeleton)
        return format_date(day, pattern, locale=self.locale)

    def heading_date(self, day: Day | datetime) -> str:
        """A date that starts a heading line: the locale's long date, first letter upper case."""
        return self.sentence_start(self.date(day))

    def sentence_start(self, text: str) -> str:
        """`text` with only its first letter made upper case, the locale's way (Turkish i-İ)."""
        if not text:
            return text
        first = text[0]
        if self.lang == "tr" and first == "i":
            return "İ" + text[1:]
        return first.upper() + text[1:]

    def join(self, items: list[str] | tuple[str, ...]) -> str:
        """Items of a short list, separated the way the language writes lists."""
        return _LIST_SEPARATOR.get(self.lang, ", ").join(items)

    def _pattern(self, skeleton: str) -> str:
        """The locale's pattern closest to `skeleton`, its fields widened to the widths asked.

        As ICU's pattern generator does: Dutch has "E d MMM" for weekday-day-month, so asking
        for the full month and weekday gives "EEEE d MMMM".
        """
        cached = self._patterns.get(skeleton)
        if cached is not None:
            return cached
        options = self.locale.datetime_skeletons
        key = match_skeleton(skeleton, options) or match_skeleton(
            skeleton, options, allow_different_fields=True
        )
        if key is None:
            return skeleton
        widths = {_FIELD[c]: skeleton.count(c) for c in set(skeleton) if c in _FIELD}

        def widen(part: re.Match[str]) -> str:
            letter = part.group(1)
            kind = _FIELD.get(letter or "")
            if kind is None or kind not in widths:
                return part.group(0)
            return letter * widths[kind]

        pattern = _PATTERN_PART.sub(widen, options[key].pattern)
        self._patterns[skeleton] = pattern
        return pattern

    def time(self, moment: time | datetime) -> str:
        """A time of day on the 24-hour clock, as timetables in Belgium and the Netherlands are."""
        if isinstance(moment, datetime):
            moment = moment.time()
        if moment == time.max:  # an interval that runs to midnight
            return "24:00"
        return format_time(moment, "HH:mm", locale=self.locale)

    def price(self, amount: Decimal | float) -> str:
        """An amount in euro formatted for the locale: "€ 9,50" or "9,50 €"; nothing is "free"."""
        if Decimal(str(amount)) == 0:
            return self.gettext("free")  # "€ 0,00" reads like a price to pay
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
    """For each supported language, whether its catalog is present."""
    return {lang: catalog_path(lang, locales_dir).is_file() for lang in LANGUAGES}


def require_catalogs(locales_dir: Path = LOCALES_DIR, *, load: bool = True) -> None:
    """Every language's catalog is there (and, with `load`, loads and has translations), or
    CatalogMissing with one sentence for the operator.

    Run at the start of `voordeur run`, `chat` and `ask`: without it a missing catalog would
    only show as residents answered in English. `ask` passes load=False: it loads only the
    languages it answers in (an empty one still stops it, when first used).
    """
    missing = [lang for lang, present in available_catalogs(locales_dir).items() if not present]
    if missing:
        raise CatalogMissing(
            f"The translations for {', '.join(missing)} are missing from {locales_dir}"
            f" (each language needs <lang>/LC_MESSAGES/{DOMAIN}.po): reinstall voordeur,"
            " or run it from a complete checkout."
        )
    if load:
        for lang in LANGUAGES:
            _translations(lang, locales_dir)
