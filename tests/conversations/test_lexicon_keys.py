"""A lexicon file names each of its lists, and each phrase of a table, once: YAML keeps only the
last of two equal keys, so a list written twice silently loses the first (each language's `eat_out`
had two, and the phrases of a meal by the sea in the first were never read), and a phrase written
twice in an intent's table ({phrase: weight}) silently loses its first weight (175 phrases were, 44
of them with another weight than the one read)."""

from __future__ import annotations

from pathlib import Path

import yaml

LEXICON = Path(__file__).resolve().parents[2] / "conversations" / "lexicon"


def _repeated_keys(node: yaml.Node, where: str) -> list[str]:
    """Keys written twice in a mapping of the node's tree ("key (line n)"), block lists and flow
    tables of phrases alike."""
    found: list[str] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    found.append(f"{where}{key.value} (line {key.start_mark.line + 1})")
                seen.add(key.value)
            found.extend(_repeated_keys(value, f"{where}{key.value}."))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found.extend(_repeated_keys(item, where))
    return found


def _repeated_in_lexicons() -> list[str]:
    repeated: list[str] = []
    for path in sorted(LEXICON.rglob("*.yaml")):
        node = yaml.compose(path.read_text(encoding="utf-8"))
        if node is not None:
            repeated.extend(f"{path.relative_to(LEXICON)}: {k}" for k in _repeated_keys(node, ""))
    return repeated


def test_no_lexicon_file_names_a_list_or_a_phrase_twice() -> None:
    assert _repeated_in_lexicons() == []


def test_a_phrase_written_twice_in_a_table_is_found() -> None:
    node = yaml.compose("intents:\n  signup: {inschrijven: 2, graag: 1, inschrijven: 3}\n")
    assert node is not None
    assert _repeated_keys(node, "") == ["intents.signup.inschrijven (line 2)"]
