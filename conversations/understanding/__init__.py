"""Understanding residents' messages: reply language, intent, centre, dates, activity and desk.

Rules over a per-language vocabulary kept in conversations/lexicon/*.yaml, with rapidfuzz for
typos; no model to download, nothing but the CPU, loaded in a few milliseconds.
"""

from conversations.understanding.intents import INTENTS
from conversations.understanding.lexicon import load_lexicon
from conversations.understanding.understander import Understander, Understanding

__all__ = ["INTENTS", "Understander", "Understanding", "load_lexicon"]
