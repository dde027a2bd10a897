"""The timeline's colours and the pens and brushes of each bar colour, made once."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPen

MAINTENANCE_GREY = QColor("#9e9e9e")
CONFLICT_RED = QColor("#d50000")
MARKER_EDGE = QColor("#ffffff")
"""Conflict markers are red edged with white, and the red frame has a white line inside it:
one of the two shows on any bar colour (a red production's bar too, where red alone did not)."""
SELECT_BLUE = QColor("#0d47a1")
GHOST_OK = QColor("#2e7d32")
GHOST_UNKNOWN = QColor("#9e9e9e")  # the drop check has not answered yet
CREATE_FILL = QColor(13, 71, 161, 50)
BACKGROUND = QColor("#ffffff")
WEEKEND = QColor(241, 241, 241)  # opaque (a blend is much slower to fill on the raster engine)
GROUP_BG = QColor("#eceff1")
DAY_LINE = QColor("#eeeeee")
ROW_LINE = QColor("#f0f0f0")
NAMES_BG = QColor("#fafafa")
NAMES_TEXT = QColor("#212121")
NAMES_RETIRED = QColor("#9e9e9e")
NAMES_GROUP = QColor("#263238")
NAMES_LINE = QColor("#e0e0e0")
AXIS_BG = QColor("#f5f5f5")
AXIS_WEEKEND = QColor(226, 226, 226)  # opaque: cheaper to fill than a blend
AXIS_TICK = QColor("#bdbdbd")
AXIS_RULE = QColor("#b0bec5")
AXIS_TEXT = QColor("#616161")
AXIS_TITLE = QColor("#263238")
CORNER_BG = QColor("#eceff1")
CORNER_TEXT = QColor("#546e7a")
CANCELLED_OPACITY = 0.3
PALETTE = ("#c0392b", "#8e44ad", "#2980b9", "#16a085", "#27ae60", "#d35400", "#f39c12", "#34495e",
           "#e84393", "#b8860b", "#6d4c41", "#00838f")

ERROR_PEN = QPen(CONFLICT_RED, 2)
WARNING_PEN = QPen(CONFLICT_RED, 1)
EDGE_PEN = QPen(MARKER_EDGE, 1)
SELECT_PEN = QPen(SELECT_BLUE, 2)
NOW_PEN = QPen(CONFLICT_RED, 2)


def dash_texture(colour: QColor) -> QImage:
    """A hold's dashed border, as the texture of a solid 1 px pen: 4 px drawn, 2 not, along a
    line in either direction ((x + y) mod 6 < 4). Laid from the content's origin (the paint sets
    the brush's transform), the dashes move with a scroll like the rest of the bar, wherever an
    edge cuts it: a dashed QPen lays its pattern from where the line is clipped."""
    image = QImage(6, 6, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    for y in range(6):
        for x in range(6):
            if (x + y) % 6 < 4:
                image.setPixelColor(x, y, colour)
    return image


class Style(NamedTuple):
    """Pens and brushes of one bar colour, made once (a paint draws hundreds of bars)."""

    fill: QColor
    border: QColor
    text: QColor
    hold_fill: QColor
    hatch: QBrush
    dashes: QBrush  # a hold's border: see dash_texture
    hold_text: QColor
    seq: int  # the order styles are drawn in

    @classmethod
    def of(cls, base: QColor, seq: int) -> Style:
        light = QColor(base)
        light.setAlpha(70)
        text = QColor("#ffffff") if base.lightnessF() < 0.6 else QColor("#000000")
        return cls(QColor(base), base.darker(140), text, light,
                   QBrush(QColor(base.red(), base.green(), base.blue(), 110), Qt.BrushStyle.BDiagPattern),
                   QBrush(dash_texture(base.darker(130))), base.darker(220), seq)


class Styles:
    """The Style of each bar look, by (colour, production, maintenance), in the order first seen."""

    def __init__(self) -> None:
        self._styles: dict[tuple[str, int | None, bool], Style] = {}
        self._colors: dict[str, QColor] = {}

    def get(self, color: str, production_id: int | None, maintenance: bool) -> Style:
        key = (color, production_id, maintenance)
        st = self._styles.get(key)
        if st is None:
            base = self.color(color, production_id, maintenance)
            st = self._styles[key] = Style.of(base, len(self._styles))
        return st

    def color(self, color: str, production_id: int | None, maintenance: bool) -> QColor:
        """A bar's base colour: maintenance grey, the production's colour, or one of the palette's."""
        if maintenance or production_id is None:
            return MAINTENANCE_GREY
        key = color or PALETTE[production_id % len(PALETTE)]
        c = self._colors.get(key)
        if c is None:
            c = QColor(key)
            if not c.isValid():
                c = QColor(PALETTE[production_id % len(PALETTE)])
            self._colors[key] = c
        return c
