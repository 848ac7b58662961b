"""A sparse linear table over hashed features, shared by the trained classifiers.

`places` are the sorted feature places with a weight; `weights` holds, per place, one integer
per class in a row, worth `scale` each. Integers sum exactly and an `array` of them costs two
bytes a weight, where Python floats in a dict would cost ~50. Scoring is pure Python (no numpy
in the bot process). The weight file is a magic line, a JSON header line, then the
zlib-compressed little-endian table.
"""

from __future__ import annotations

import json
import math
import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any


class SparseTable:
    """Weights of `classes` classes for the places that have any, with a bias per class."""

    def __init__(
        self, places: array, weights: array, scale: float, bias: Sequence[float], classes: int
    ) -> None:
        self.places = places
        self.weights = weights
        self.scale = scale
        self.bias = tuple(bias)
        self.classes = classes

    def row(self, place: int) -> int:
        """Where the weights of a place start in `weights`, or -1 for a place never trained."""
        at = bisect_left(self.places, place)
        if at < len(self.places) and self.places[at] == place:
            return at * self.classes
        return -1

    def probabilities(self, places: Sequence[int]) -> tuple[list[float], list[int]]:
        """Each class's probability for the features at `places` (weighted 1/sqrt(count)), and
        where each feature's weights start (-1: untrained)."""
        rows = [self.row(p) for p in places]
        k = self.classes
        sums = [0] * k
        weights = self.weights
        for start in rows:
            if start >= 0:
                for c in range(k):
                    sums[c] += weights[start + c]
        norm = self.scale / math.sqrt(max(len(places), 1))
        logits = [s * norm + b for s, b in zip(sums, self.bias, strict=True)]
        top = max(logits)
        exp = [math.exp(v - top) for v in logits]
        total = sum(exp)
        return [v / total for v in exp], rows

    def strongest(
        self, names: Sequence[str], rows: Sequence[int], cls: int, against: int | None, top: int
    ) -> tuple[str, ...]:
        """The features pushing most towards class `cls` (minus their weight for `against`),
        named once each (" dans", "dans " and "w:dans" are one word to a reader)."""
        w = self.weights
        push = [
            (w[r + cls] - (w[r + against] if against is not None else 0), i)
            for i, r in enumerate(rows)
            if r >= 0
        ]
        push.sort(key=lambda p: (-p[0], p[1]))
        return tuple(
            dict.fromkeys(
                names[i].strip().removeprefix("w:") or names[i] for p, i in push if p > 0
            )
        )[:top]

    def to_bytes(self, magic: bytes, header: dict[str, Any]) -> bytes:
        """The weight file, with `header` (plus the table's own fields) as its JSON line."""
        full = {**header, "places": len(self.places), "scale": self.scale, "bias": list(self.bias)}
        places, weights = array("I", self.places), array("h", self.weights)
        if sys.byteorder == "big":
            places.byteswap()
            weights.byteswap()
        body = zlib.compress(places.tobytes() + weights.tobytes(), 9)
        return magic + json.dumps(full, sort_keys=True).encode("utf-8") + b"\n" + body

    @classmethod
    def from_bytes(
        cls, data: bytes, magic: bytes, classes: int, what: str
    ) -> tuple[SparseTable, dict[str, Any]]:
        """A table read from its weight file, and the file's header; `what` names the file in
        errors."""
        if not data.startswith(magic):
            raise ValueError(f"not a {what} weight file")
        # Views, not copies: the file, its body and the table are megabytes each, and what a
        # process frees at load stays in its memory (the allocator keeps the heap it grew).
        view = memoryview(data)[len(magic) :]
        end = data.index(b"\n", len(magic)) - len(magic)
        header = json.loads(view[:end].tobytes())
        count = header["places"]
        size = count * (4 + 2 * classes)  # the table's bytes: one buffer, never grown
        raw = memoryview(zlib.decompress(view[end + 1 :], bufsize=max(size, 1)))
        places, weights = array("I"), array("h")
        places.frombytes(raw[: 4 * count])
        weights.frombytes(raw[4 * count :])
        raw.release()
        if sys.byteorder == "big":
            places.byteswap()
            weights.byteswap()
        if len(weights) != count * classes:
            raise ValueError(f"truncated {what} weight file")
        table = cls(places, weights, float(header["scale"]), header["bias"], classes)
        return table, header
