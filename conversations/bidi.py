"""Right-to-left text that reads right: left-to-right runs inside it kept in their order."""

from __future__ import annotations

import re

# Bidi isolates (Unicode UAX #9): a left-to-right run inside right-to-left text is wrapped in
# LRI ... PDI, so "059 00 10 01" or "09:00–12:00" keeps its order inside an Arabic sentence.
LRI = "\u2066"
PDI = "\u2069"
_ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))
_STRONG_LTR = r"A-Za-z0-9\u00C0-\u024F"
_LTR_RUN = re.compile(
    rf"(?:[+€$]\s?)?[{_STRONG_LTR}]"
    rf"(?:[{_STRONG_LTR} .,:;/\-–+'@_&#%\u00A0\u202F]*[{_STRONG_LTR}])?"
    r"(?:[\u00A0 ]?[€%])?"
)


def isolate_ltr(text: str) -> str:
    """`text` with every left-to-right run (numbers, times, dates, prices, Latin names) wrapped
    in a bidi isolate: for right-to-left replies, where such runs otherwise scramble."""
    plain = text.translate(_ISOLATES)  # once only, however often a text passes here
    return _LTR_RUN.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", plain)


RTL_LANGUAGES = frozenset({"ar"})


def for_language(text: str, lang: str) -> str:
    """`text` as it should be sent in `lang`: isolated left-to-right runs for RTL languages."""
    return isolate_ltr(text) if lang in RTL_LANGUAGES and text else text
