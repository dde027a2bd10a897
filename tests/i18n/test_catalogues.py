"""The translations are complete and up to date with the code, and compile."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from studio_booker.i18n import LANGUAGES, arg, speaking, translate
from studio_booker.i18n.catalogues import ts_file
from studio_booker.i18n.update import FORMS, update

Key = tuple[str, str]


def messages(ts: Path) -> dict[Key, ET.Element]:
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name") or "", m.findtext("source") or ""): m
            for ctx in root.iter("context") for m in ctx.iter("message")}


def unfinished(m: ET.Element, forms: int) -> bool:
    tr = m.find("translation")
    if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete"):
        return True
    if m.get("numerus") == "yes":
        texts = [f.text or "" for f in tr.iter("numerusform")]
        return len(texts) != forms or not all(t.strip() for t in texts)
    return not (tr.text or "").strip()


@pytest.mark.parametrize("lang", ["zh_CN", "ru"])
def test_every_message_is_translated(lang: str) -> None:
    missing = [f"{ctx}: {src!r}" for (ctx, src), m in messages(ts_file(lang)).items()
               if unfinished(m, FORMS[lang])]
    assert missing == []


def test_english_has_every_plural_in_two_forms() -> None:
    en = messages(ts_file("en"))
    assert en, "no plurals in the English catalogue"
    assert [k for k, m in en.items() if m.get("numerus") != "yes" or unfinished(m, 2)] == []


def test_plurals_keep_their_number() -> None:
    for lang in LANGUAGES:
        for (ctx, src), m in messages(ts_file(lang)).items():
            for form in m.iter("numerusform"):
                assert "%n" in (form.text or ""), (lang, ctx, src, form.text)


def test_the_catalogues_hold_every_string_of_the_code(tmp_path: Path, monkeypatch) -> None:
    """lupdate run on the code again finds no string the committed .ts files lack."""
    for lang in LANGUAGES:
        shutil.copy(ts_file(lang), tmp_path / ts_file(lang).name)
    before = {lang: set(messages(ts_file(lang))) for lang in LANGUAGES}
    monkeypatch.setattr("studio_booker.i18n.update.ts_file", lambda lang: tmp_path / ts_file(lang).name)
    monkeypatch.setattr("studio_booker.i18n.update.incoming", lambda lang: {})
    for lang in LANGUAGES:
        after = set(messages(update(lang)))
        assert after - before[lang] == set(), f"{lang}: run python -m studio_booker.i18n.update"


def test_a_russian_plural_has_three_forms() -> None:
    with speaking("ru"):
        days = [translate("BackupTableModel", "%n days ago", None, n) for n in (1, 2, 5, 21)]
    assert days[0].startswith("1 ") and days[3].startswith("21 ")
    assert days[0].split()[1] == days[3].split()[1]  # 1 and 21: the same form
    assert len({d.split()[1] for d in days}) == 3  # день, дня, дней


def test_arg_fills_each_place_once() -> None:
    assert arg("%1 on %2", "100%2", "Stage 7") == "100%2 on Stage 7"
