"""The window in Chinese and Russian: chosen from the system locale, switched in Preferences."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings

from studio_booker.ui.language import apply_language
from studio_booker.ui.main_window import MainWindow
from studio_booker.ui.prefs import Preferences
from studio_booker.ui.workers import wait_for_workers
from tests.ui.test_main_window import open_window

SYSTEM_LANGUAGE = ("from PySide6.QtWidgets import QApplication; app = QApplication([]); "
                   "from studio_booker.ui.language import system_language; print(system_language())")


@pytest.fixture(autouse=True)
def settings_dir(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield
    apply_language("en")


def menu_titles(w: MainWindow) -> list[str]:
    return [a.text() for a in w.menuBar().actions()]


@pytest.mark.parametrize(("lang", "expected"), [("zh_CN.UTF-8", "zh_CN"), ("ru_RU.UTF-8", "ru"),
                                                 ("en_GB.UTF-8", "en"), ("de_DE.UTF-8", "en")])
def test_the_window_starts_in_the_system_locale_language(lang: str, expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = lang
    out = subprocess.run([sys.executable, "-c", SYSTEM_LANGUAGE], env=env, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == expected


@pytest.mark.parametrize(("lang", "file_menu", "edit_menu"), [("zh_CN", "文件", "编辑"),
                                                              ("ru", "Файл", "Правка")])
def test_menus_speak_the_chosen_language(qtbot, engine, db_path, lang, file_menu, edit_menu) -> None:
    apply_language(lang)
    w = open_window(qtbot, engine, db_path)
    titles = menu_titles(w)
    assert file_menu in titles[0] and edit_menu in titles[1]
    assert not any("&File" == t or "&Edit" == t for t in titles)
    wait_for_workers()


def test_switching_the_language_shows_the_window_again_in_it(qtbot, engine, db_path) -> None:
    w = open_window(qtbot, engine, db_path)
    assert menu_titles(w)[0] == "&File"
    dialog = w.preferences_dialog()
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    with qtbot.waitSignal(w.databaseOpened) as opened:
        dialog.accept()
    new = opened.args[0]
    qtbot.addWidget(new)
    assert "Файл" in menu_titles(new)[0]
    assert not w.isVisible() and new.isVisible()
    assert new.engine is w.engine  # the same database, not reopened
    assert Preferences().get(Preferences.LANGUAGE) == "ru"
    wait_for_workers()


@pytest.mark.parametrize(("lang", "resource_label", "confirmed", "verdict"), [
    ("zh_CN", "资源", "确认", "可以保存"), ("ru", "Ресурс", "подтверждено", "Можно сохранить")])
def test_the_editor_speaks_the_chosen_language_and_keeps_stored_values(
        qtbot, engine, make_stage, make_production, lang, resource_label, confirmed, verdict) -> None:
    from PySide6.QtWidgets import QFormLayout, QLabel

    from studio_booker.ui.editor import BookingEditor
    from tests.conftest import t

    stage = make_stage("1号摄影棚")
    make_production("Тайга")
    apply_language(lang)
    e = BookingEditor(engine, "tester", resource_id=stage.id, start=t("2026-12-03 08:00"),
                      end=t("2026-12-03 18:00"))
    qtbot.addWidget(e)
    form = e.findChild(QFormLayout)
    labels = [form.itemAt(i, QFormLayout.ItemRole.LabelRole).widget() for i in range(form.rowCount())]
    texts = [w.text() for w in labels if isinstance(w, QLabel)]
    assert any(resource_label in x for x in texts), texts
    e.production_combo.setCurrentText("Тайга")
    e.status_combo.set_value("confirmed")
    assert e.status_combo.currentText() == confirmed and e.status_combo.value() == "confirmed"
    e.refresh_check()
    qtbot.waitUntil(lambda: not e.is_checking())
    assert verdict in e.verdict.text()
    assert e.draft().status == "confirmed"
    wait_for_workers()
