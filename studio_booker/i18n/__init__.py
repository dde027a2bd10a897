"""The program's languages: one mechanism, Qt's translations, for the window and the core alike.

Every string a person reads is written in English in the code and wrapped as
`translate("Context", "text %1", None, n)`; `pyside6-lupdate` finds these calls (the function
must be called by that bare name) and writes them into `resources/i18n/studio_booker_*.ts`,
which `pyside6-lrelease` compiles into `.qm` files at set-up (see `catalogues.py`). The window
installs the same translators on its QApplication; the core (command line, conflict
messages, sheets) asks them directly, in the language it is given or the current one, so no
QApplication is needed there.

    translate("Conflicts", "%1 is overbooked")          -> the text in the current language
    arg(translate(...), "Stage 7")                       -> %1, %2 ... filled in, Qt style
    translate("Lists", "%n booking(s)", None, 21)        -> "21 бронирование" in Russian
    with speaking("ru"): ...                             -> a sheet's or a test's own language

lupdate reads only calls of at most four positional arguments, so the language is never an
argument: `speaking(lang)` sets it for the code inside (this thread only), `set_language` for
the whole program (the window's choice).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from .catalogues import translator

ENGLISH = "en"
LANGUAGES: tuple[str, ...] = ("zh_CN", "en", "ru")  # the window's languages, the lot's first
SHEET_LANGUAGES: dict[str, str] = {"zh": "zh_CN", "en": "en", "ru": "ru"}  # SPEC 10 codes
_ARG = re.compile(r"%(\d)")
_current: str | None = None
_speaking: ContextVar[str | None] = ContextVar("speaking", default=None)


def language_of(locale_name: str | None) -> str | None:
    """The program's language for a locale name (`zh_CN.UTF-8`, `ru_RU`, `en_GB`, `zh`), or None
    when it speaks none of them. Any Chinese locale gets zh_CN (simplified), the lot's own."""
    if not locale_name:
        return None
    base = locale_name.split(".")[0].split("@")[0].replace("-", "_").lower()
    if base in ("c", "posix"):
        return None
    lang = base.split("_")[0]
    return {"zh": "zh_CN", "ru": "ru", "en": "en"}.get(lang)


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext
    reads them); English when it names none the program speaks."""
    env = os.environ if environ is None else environ
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key)
        if not value:
            continue
        for part in value.split(":"):  # LANGUAGE may list several: ru:en
            found = language_of(part)
            if found:
                return found
        if key != "LANGUAGE":
            return ENGLISH  # the first set locale variable decides, as in gettext
    return ENGLISH


def current_language() -> str:
    """The language messages are made in: speaking()'s, else set_language's, else the environment's."""
    return _speaking.get() or _current or language_from_env()


def set_language(lang: str | None) -> None:
    """Make `lang` (one of LANGUAGES) the current language; None goes back to the environment's."""
    global _current
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"language {lang!r}: use one of {', '.join(LANGUAGES)}")
    _current = lang


@contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """Messages made inside are in `lang` (one of LANGUAGES; None: the current language)."""
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"language {lang!r}: use one of {', '.join(LANGUAGES)}")
    token = _speaking.set(lang or _speaking.get())
    try:
        yield
    finally:
        _speaking.reset(token)


def translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`source` in the current language, `%n` replaced by n when n >= 0. A missing translation
    gives the English source."""
    text = translator(current_language()).translate(context, source, disambiguation, n) or source
    return text.replace("%n", str(n)) if n >= 0 else text


def arg(template: str, *values: object) -> str:
    """Fill `%1` ... `%9` in one pass, as QString.arg does with several arguments: a value that
    itself contains `%2` is left alone."""
    return _ARG.sub(lambda m: str(values[int(m[1]) - 1]) if 0 < int(m[1]) <= len(values) else m[0], template)
