"""Where the files shipped beside the code are: inside the wheel, or in the source tree."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_TREE = Path(__file__).resolve().parents[1]


def _shipped(packaged: str, in_tree: str) -> Path:
    candidate = resources.files("studio_booker") / packaged
    if candidate.is_dir():
        return Path(str(candidate))
    return _TREE / in_tree


def resources_dir() -> Path:
    """resources/ (style sheet, icons): studio_booker/_resources in a wheel."""
    return _shipped("_resources", "resources")


def migrations_dir() -> Path:
    """db/ (Alembic environment and revisions): studio_booker/_db in a wheel."""
    return _shipped("_db", "db")


def guide_dir() -> Path:
    """docs/guide/ (the user guide, a folder per language): studio_booker/_guide in a wheel."""
    return _shipped("_guide", "docs/guide")
