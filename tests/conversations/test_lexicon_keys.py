"""A lexicon file names each of its lists once: YAML keeps only the last of two equal keys, so a
list written twice silently loses the first (each language's `eat_out` had two, and the phrases
of a meal by the sea in the first were never read)."""

from __future__ import annotations

from pathlib import Path

import yaml

LEXICON = Path(__file__).resolve().parents[2] / "conversations" / "lexicon"


def _repeated_keys(node: yaml.Node, where: str) -> list[str]:
    """Keys written twice in a block mapping of the node's tree ("key (line n)"); flow mappings
    ({phrase: weight}) are tables of phrases, not lists, and not checked here."""
    found: list[str] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if not node.flow_style and isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    found.append(f"{where}{key.value} (line {key.start_mark.line + 1})")
                seen.add(key.value)
            found.extend(_repeated_keys(value, f"{where}{key.value}."))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found.extend(_repeated_keys(item, where))
    return found


def test_no_lexicon_file_names_a_list_twice() -> None:
    repeated: list[str] = []
    for path in sorted(LEXICON.rglob("*.yaml")):
        node = yaml.compose(path.read_text(encoding="utf-8"))
        if node is not None:
            repeated.extend(f"{path.relative_to(LEXICON)}: {k}" for k in _repeated_keys(node, ""))
    assert repeated == []
