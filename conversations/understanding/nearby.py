"""Whether words stand beside each other, with only small words between."""

from __future__ import annotations

from collections.abc import Container, Sequence

ATTACH_REACH = 4  # small words ("de", "naast de", "près de la") between a thing and a place


def reaches(
    texts: Sequence[str],
    spans: Sequence[tuple[int, int]],
    targets: Container[int],
    glue: Container[str],
    reach: int = ATTACH_REACH,
) -> bool:
    """Whether a span stands beside one of the `targets` positions, on either side, with at most
    `reach` `glue` words between."""
    for start, end in spans:
        for step, k in ((-1, start - 1), (1, end)):
            for _ in range(reach + 1):
                if k in targets:
                    return True
                if not 0 <= k < len(texts) or texts[k] not in glue:
                    break
                k += step
    return False
