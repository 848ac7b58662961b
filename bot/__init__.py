"""The process: configuration, command line, Telegram and console channels, scheduler."""

import sys

# httpx (python-telegram-bot's HTTP client) imports its command-line tool at import time when
# click is installed (the voice extra brings it): 3.5-4.6 MB of the bot's memory for a tool it
# never runs. Marked as absent, httpx falls back to its stub and loads none of it.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
