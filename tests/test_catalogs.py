"""Every user-facing message exists, translated and not fuzzy, in all eight languages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from locales import LOCALES_DIR
from storage.model import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _catalog(lang: str):
    with open(LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=lang)


def _template():
    with open(LOCALES_DIR / "messages.pot", "rb") as handle:
        return read_po(handle)


def test_template_holds_every_message_in_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"),
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_",
            "-k",
            "ngettext:1,2",
            "-k",
            "pgettext:1c,2",
            "--no-location",
            "-o",
            str(fresh),
            "bot",
            "conversations",
        ],
        cwd=ROOT,
        check=True,
    )
    with open(fresh, "rb") as handle:
        in_code = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    in_template = {m.id if isinstance(m.id, str) else m.id[0] for m in _template() if m.id}
    assert in_code - in_template == set(), "run `make catalogs-update` and translate"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_translates_every_message_without_fuzzy_entries(lang: str) -> None:
    catalog = _catalog(lang)
    template_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in _template() if m.id}
    missing, fuzzy, broken = [], [], []
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key not in template_ids:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            missing.append(key)
        if message.fuzzy:
            fuzzy.append(key)
        wanted = set(PLACEHOLDER.findall(key))
        if any(s and set(PLACEHOLDER.findall(s)) - wanted - {"{n}"} for s in strings):
            broken.append(key)
    present = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    assert template_ids - present == set()
    assert missing == []
    assert fuzzy == []
    assert broken == [], "placeholders that the English message does not have"
