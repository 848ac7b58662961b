"""`present(x)`: a value the test expects to be there, with the None case failing the test."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def present(value: T | None) -> T:
    """The value; a test fails here, not later, when it is missing."""
    assert value is not None
    return value
