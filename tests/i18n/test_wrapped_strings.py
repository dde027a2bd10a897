"""Every text a person reads in the window goes through translate(): an AST scan of ui/ for
string literals (or f-strings) handed straight to a widget.

Issue 12 is not finished: the texts still waiting are listed in not_yet_wrapped.txt (file and
text, no line numbers). The list may only shrink: a new unwrapped text fails, and so does a
listed one that has been wrapped but not crossed off."""

from __future__ import annotations

import ast
from pathlib import Path

import studio_booker

UI = Path(studio_booker.__file__).parent / "ui"
# methods and constructors whose text arguments a person reads
TEXT_CALLS = {
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis", "setPlaceholderText",
    "setTitle", "setLabelText", "setInformativeText", "setDetailedText", "setTabText", "addTab",
    "addMenu", "addAction", "addItem", "addItems", "addRow", "showMessage", "setHorizontalHeaderLabels",
    "setSpecialValueText", "setSuffix", "setPrefix", "setButtonText", "addButton", "setHeaderLabels",
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton",
    "information", "warning", "critical", "question", "about", "_action", "Column", "show_notice",
    "show_status", "setWindowIconText", "QMenu", "QMessageBox", "getText", "getItem", "getInt",
    "getDouble", "QProgressDialog", "setHeaderData", "report_error", "run_in_background",
}


def _is_text(node: ast.AST) -> bool:
    """A literal with a letter in it, or an f-string with one: words, not `%1` or `…`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_is_text(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):  # "a" + "b", "x %s" % y
        return _is_text(node.left) or _is_text(node.right)
    return False


def _name(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def unwrapped(root: Path = UI) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node) in TEXT_CALLS:
                for a in [*node.args, *(k.value for k in node.keywords if k.arg not in ("objectName",))]:
                    if _is_text(a):
                        found.append(f"{path.relative_to(root.parent)}:{a.lineno}: {ast.unparse(a)[:60]}")
    return found


WAITING = Path(__file__).with_name("not_yet_wrapped.txt")


def _key(found: str) -> str:
    where, text = found.split(": ", 1)
    return f"{where.rsplit(':', 1)[0]}: {text}"


def test_every_widget_text_goes_through_translate() -> None:
    found = {_key(f) for f in unwrapped()}
    waiting = set(WAITING.read_text(encoding="utf-8").splitlines())
    assert sorted(found - waiting) == [], "wrap these in translate()"
    assert sorted(waiting - found) == [], f"wrapped now: remove them from {WAITING.name}"


def test_the_scan_finds_an_unwrapped_text(tmp_path: Path) -> None:
    (tmp_path / "w.py").write_text(
        'from studio_booker.i18n import translate\n'
        'def f(label, box, n):\n'
        '    label.setText("Booked")\n'
        '    box.addItem(f"{n} bookings")\n'
        '    label.setToolTip(translate("W", "Fine"))\n'
        '    label.setText("%1")\n', encoding="utf-8")
    assert [line.split(": ")[0] for line in unwrapped(tmp_path)] == [
        f"{tmp_path.name}/w.py:3", f"{tmp_path.name}/w.py:4"]
