"""`StyledText` shows spans as text (never markup), wraps, and paints the allergy style."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kds.ui.line_text import ITEMS, NOTE, Para, Role, Span, Unit
from kds.ui.styled_text import StyledText, on_colour
from kds.ui.theme import DARK, LIGHT


def widget(qtbot: QtBot, qapp: QApplication, *spans: Span, name: str = ITEMS) -> StyledText:
    qapp.setStyleSheet(DARK.style_sheet())
    label = StyledText(Unit(name, (Para(spans),)), DARK)
    qtbot.addWidget(label)
    label.ensurePolished()
    return label


def test_markup_from_an_order_is_shown_as_typed(qtbot: QtBot, qapp: QApplication) -> None:
    label = widget(qtbot, qapp, Span("<b>1 ×</b> <img src=x> &amp;", Role.NAME))
    assert label.text() == "<b>1 ×</b> <img src=x> &amp;"
    assert label._document().toPlainText() == "<b>1 ×</b> <img src=x> &amp;"


def test_it_wraps_taller_never_elides_and_remembers_its_heights(
    qtbot: QtBot, qapp: QApplication
) -> None:
    label = widget(qtbot, qapp, Span("Chicken Caesar salad with extra parmesan " * 3, Role.NAME))
    narrow, wide = label.heightForWidth(160), label.heightForWidth(900)
    assert narrow > wide >= label.fontMetrics().height()
    assert label.wordWrap()
    assert label._heights[160] == narrow  # asked again on every plan: not laid out again
    unbroken = widget(qtbot, qapp, Span("x" * 400, Role.NAME))  # one word wider than the card
    assert unbroken.heightForWidth(160) > 3 * unbroken.fontMetrics().height()


def test_an_allergen_tag_is_painted_on_the_allergy_colour(qtbot: QtBot, qapp: QApplication) -> None:
    label = widget(qtbot, qapp, Span("⚠ PEANUTS", Role.ALLERGEN))
    label.resize(300, label.heightForWidth(300))
    image = label.grab().toImage()
    allergy = QColor(DARK.allergy)
    hits = sum(
        image.pixelColor(x, y) == allergy
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    )
    assert hits > 20


def test_the_note_sits_in_its_box(qtbot: QtBot, qapp: QApplication) -> None:
    label = widget(qtbot, qapp, Span("✎ NOTE: ", Role.NOTE_HEAD), Span("Ring"), name=NOTE)
    plain = widget(qtbot, qapp, Span("✎ NOTE: ", Role.NOTE_HEAD), Span("Ring"))
    assert label.heightForWidth(300) > plain.heightForWidth(300)  # the box's padding
    label.resize(300, label.heightForWidth(300))
    image = label.grab().toImage()
    assert image.pixelColor(2, label.height() // 2) == QColor(DARK.allergy)  # the bar
    assert image.pixelColor(295, 2) == QColor(DARK.note_bg)


def test_text_on_a_colour_picks_the_readable_one() -> None:
    assert on_colour(DARK.allergy) == "#000000"
    assert on_colour(LIGHT.allergy) == "#ffffff"


def test_a_rescaled_theme_gets_its_own_sizes(qtbot: QtBot, qapp: QApplication) -> None:
    spans = (Span("⚠ PEANUTS", Role.ALLERGEN),)
    small = widget(qtbot, qapp, *spans)
    large = StyledText(Unit(ITEMS, (Para(spans),)), DARK.scaled(2.0))
    qtbot.addWidget(large)
    large.ensurePolished()
    assert large.heightForWidth(900) > small.heightForWidth(900)
