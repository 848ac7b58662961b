"""Gettext catalogs: messages.pot and <lang>/LC_MESSAGES/messages.po."""

from pathlib import Path

LOCALES_DIR = Path(__file__).resolve().parent
