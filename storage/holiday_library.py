"""The holidays library, with only the countries asked for loaded (~8 MB less for the bot).

`holidays.countries` imports all of its ~250 country modules in its `__init__` as soon as one
country is asked for: `country_holidays("BE")` cost the bot's process 8 MB for the one or two
countries it needs. The country modules import each other by full path only, so the package is
put in place here without running that `__init__`; the library's own lazy loader then imports
just the countries asked for. The list of all codes (checking a data file) comes from the
library's registry, which loads nothing.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
import types

import holidays
from holidays.registry import EntityLoader

__all__ = ["country_codes", "holidays"]

_PACKAGE = "holidays.countries"


def _countries_one_at_a_time() -> None:
    """Register `holidays.countries` as a bare package, unless it is imported whole already."""
    if _PACKAGE in sys.modules:
        return  # someone imported every country already: nothing left to save
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or spec.submodule_search_locations is None:
        return
    package = types.ModuleType(_PACKAGE, "Country modules, imported one at a time.")
    package.__path__ = list(spec.submodule_search_locations)
    package.__package__ = _PACKAGE
    package.__spec__ = spec
    sys.modules[_PACKAGE] = package


_countries_one_at_a_time()


@functools.cache
def country_codes() -> frozenset[str]:
    """Every country code the library knows, aliases included, without loading any country."""
    return frozenset(EntityLoader.get_country_codes())
