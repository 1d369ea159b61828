"""`RestaurantPicker`: one big button per restaurant the account may run."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kds.app.i18n import translate
from kds.core.words import QT_TRANSLATE_NOOP
from kds.ui.session_api import RestaurantInfo
from kds.ui.widgets import big_button, centred_column, page_title

__all__ = ["RestaurantPicker"]

_ROLE_TEXT = {
    "RestaurantOwner": QT_TRANSLATE_NOOP("RestaurantPicker", "owner"),
    "RestaurantStaff": QT_TRANSLATE_NOOP("RestaurantPicker", "staff"),
}


class RestaurantPicker(QWidget):
    """Lists restaurants; tapping one chooses it.

    Signals:
        restaurant_chosen(restaurant_id)
        back_requested(): return to the board without switching (shown when one is open).
    """

    restaurant_chosen = Signal(str)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.buttons: dict[str, QPushButton] = {}
        title = page_title(translate("RestaurantPicker", "Choose a restaurant"))
        self._list = QVBoxLayout()
        self._list.setSpacing(12)
        self.back_button = big_button(translate("RestaurantPicker", "Back to the board"))
        self.back_button.clicked.connect(self.back_requested)
        self.back_button.hide()
        centred_column(self, (title, self._list, self.back_button))

    def set_restaurants(self, restaurants: Sequence[RestaurantInfo], current: str | None) -> None:
        for button in self.buttons.values():
            self._list.removeWidget(button)
            button.deleteLater()
        self.buttons.clear()
        for r in restaurants:
            known = r.role in _ROLE_TEXT  # an unknown role is shown as the server names it
            role = translate("RestaurantPicker", _ROLE_TEXT[r.role]) if known else r.role
            text = (
                translate("RestaurantPicker", "{restaurant}  ({role})  ✔ current")
                if r.restaurant_id == current
                else translate("RestaurantPicker", "{restaurant}  ({role})")
            )
            button = QPushButton(text.format(restaurant=r.name, role=role))
            button.setMinimumHeight(80)
            button.clicked.connect(lambda _=False, rid=r.restaurant_id: self._on_chosen(rid))
            self._list.addWidget(button)
            self.buttons[r.restaurant_id] = button
        self.back_button.setVisible(current is not None)

    def _on_chosen(self, restaurant_id: str) -> None:
        self.restaurant_chosen.emit(restaurant_id)
