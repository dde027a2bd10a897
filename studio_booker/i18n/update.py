"""Bring the .ts files up to date with the code: `python -m studio_booker.i18n.update`.

Runs `pyside6-lupdate` over studio_booker/ (every `translate("Context", "text")` call), then
puts back what lupdate's Python reader loses: it never marks a `translate(..., n)` call as a
plural, and rewrites a plural message it finds as a plain one, dropping its forms. So the forms
are read before lupdate runs, and every message whose source holds `%n` is made a plural again
with them. The English file keeps only the plurals (English needs no other translation).

Translations may also arrive as JSON files in resources/i18n/incoming/ (written beside the code
by whoever wrapped the strings, who knows what they mean): a list of
`{"context": ..., "source": ..., "zh_CN": text or [forms], "ru": text or [forms], "en": [forms]}`.
They are merged into the .ts files on every update. Last, the .qm files are compiled.
Run it under `flock resources/i18n/.lock` when several people may run it at once.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from . import LANGUAGES
from .catalogues import compile_ts, i18n_dir, ts_file

PACKAGE = Path(__file__).resolve().parents[1]
QT_LANGUAGE = {"zh_CN": "zh_CN", "ru": "ru_RU", "en": "en_US"}
FORMS = {"zh_CN": 1, "ru": 3, "en": 2}  # Qt's plural forms of each language
Key = tuple[str, str]


def _messages(root: ET.Element) -> list[tuple[str, ET.Element]]:
    return [(ctx.findtext("name") or "", m) for ctx in root.iter("context") for m in ctx.iter("message")]


def _plural_forms(ts: Path) -> dict[Key, list[str]]:
    if not ts.exists():
        return {}
    out = {}
    for ctx, m in _messages(ET.parse(ts).getroot()):
        forms = [f.text or "" for f in m.iter("numerusform")]
        if forms:
            out[ctx, m.findtext("source") or ""] = forms
    return out


def _lupdate(ts: Path, lang: str) -> None:
    if not ts.exists():
        ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                      f'<TS version="2.1" language="{QT_LANGUAGE[lang]}"></TS>\n', encoding="utf-8")
    tool = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(tool), "-silent", "-no-obsolete", "-locations", "none", "-extensions", "py",
                    str(PACKAGE), "-ts", str(ts)], check=True)


def incoming(lang: str) -> dict[Key, list[str]]:
    """The translations into `lang` waiting in resources/i18n/incoming/*.json, as lists of forms."""
    out: dict[Key, list[str]] = {}
    for f in sorted((i18n_dir() / "incoming").glob("*.json")):
        for item in json.loads(f.read_text(encoding="utf-8")):
            text = item.get(lang)
            if text:
                out[item["context"], item["source"]] = [text] if isinstance(text, str) else list(text)
    return out


def _restore_plurals(ts: Path, lang: str, kept: dict[Key, list[str]], new: dict[Key, list[str]]) -> None:
    tree = ET.parse(ts)
    root = tree.getroot()
    for ctx_el in root.iter("context"):
        ctx = ctx_el.findtext("name") or ""
        for m in list(ctx_el.iter("message")):
            source = m.findtext("source") or ""
            if "%n" not in source:
                if lang == "en":
                    ctx_el.remove(m)
                elif (ctx, source) in new:
                    tr_el = m.find("translation")
                    if tr_el is None:
                        tr_el = ET.SubElement(m, "translation")
                    tr_el.attrib.pop("type", None)
                    tr_el.text = new[ctx, source][0]
                continue
            m.set("numerus", "yes")
            old = m.find("translation")
            if old is not None:
                m.remove(old)
            forms = new.get((ctx, source)) or kept.get((ctx, source), [])
            forms = (forms + [""] * FORMS[lang])[: FORMS[lang]]
            tr = ET.SubElement(m, "translation")
            if not all(forms):
                tr.set("type", "unfinished")
            for text in forms:
                ET.SubElement(tr, "numerusform").text = text
    for ctx_el in list(root.iter("context")):
        if ctx_el.find("message") is None:
            root.remove(ctx_el)
    ET.indent(tree, space="    ")
    body = ET.tostring(root, encoding="unicode")
    ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")


def update(lang: str) -> Path:
    ts = ts_file(lang)
    kept = _plural_forms(ts)
    _lupdate(ts, lang)
    _restore_plurals(ts, lang, kept, incoming(lang))
    if not compile_ts(ts, ts.with_suffix(".qm")):
        raise SystemExit(f"{ts}: pyside6-lrelease failed")
    return ts


def main() -> None:
    i18n_dir().mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        print(update(lang))


if __name__ == "__main__":
    main()
