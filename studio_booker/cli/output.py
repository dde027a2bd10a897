"""What the command line prints: aligned tables (Chinese takes two columns) and JSON."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any


def _width(text: str) -> int:
    """Columns a terminal gives `text` (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Aligned columns; the last column is not padded."""
    widths = [max([_width(h), *(_width(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    out = []
    for r in [headers, *rows]:
        cells = [_pad(c, widths[i]) if i < len(r) - 1 else c for i, c in enumerate(r)]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def print_json(obj: dict[str, Any]) -> None:
    """One JSON object, in UTF-8 whatever the console's encoding (JSON text is UTF-8, RFC 8259
    section 8.1): names in any script come out as themselves, never as `\\u53f7` or `?`."""
    data = (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (a test's capture): it takes the text as it is
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()
