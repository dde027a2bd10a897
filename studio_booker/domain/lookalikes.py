"""Look-alike letters: one fold for every search and name/ref look-up.

`skeleton(text)` is NFKC (full-width and other compatibility forms), then each non-ASCII
character replaced by its Unicode confusable prototype (the data of the PyPI package
`confusable-homoglyphs`, Unicode's confusables.txt), then casefold. ASCII is only casefolded,
so plain names compare exactly as before (no I/l/1 or O/0 merging).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from confusable_homoglyphs import categories, confusables


@lru_cache(maxsize=4096)
def _char(c: str) -> str:
    if c.isascii():
        return c.casefold()
    if c.isdecimal():
        return str(unicodedata.decimal(c))
    for form in (c.upper(), c):
        if len(form) != 1:
            continue
        if form.isascii():
            return form.casefold()
        near = [h["c"] for h in confusables.confusables_data.get(form, []) if len(h["c"]) == 1]
        if len(near) == 1 and near[0].isascii():
            return near[0].casefold()
    return c.casefold()


def skeleton(text: str) -> str:
    """The folded form of `text`: equal skeletons look alike."""
    return "".join(_char(c) for c in unicodedata.normalize("NFKC", text.strip()))


fold = skeleton


def scripts_differing(typed: str, found: str) -> list[str]:
    """The scripts (Cyrillic, Greek, Latin ...) of the letters of `found` not typed as such."""
    for plain in (set(unicodedata.normalize("NFKC", typed).casefold()), set(typed.casefold())):
        names: list[str] = []
        for c in found:
            if c.casefold() not in plain:
                name = categories.alias(c).capitalize()
                if name != "Common" and name not in names:
                    names.append(name)
        if names:
            return names
    return []
