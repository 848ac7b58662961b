"""Bundled demo organisations (see ../shared/reference-data.md)."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
DEMO_ORGANISATIONS: tuple[str, ...] = ("oostende", "denhaag-zuidwest", "kortrijk")


def demo_path(org_id: str) -> Path:
    """The bundled data file of a demo organisation."""
    return DATA_DIR / f"{org_id}.yaml"
