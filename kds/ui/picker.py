"""`RestaurantPicker`: one big button per restaurant the account may run."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kds.ui.session_api import RestaurantInfo

__all__ = ["RestaurantPicker"]

_ROLE_TEXT = {"RestaurantOwner": "owner", "RestaurantStaff": "staff"}


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
        title = QLabel("Choose a restaurant")
        title.setObjectName("laneTitle")
        self._list = QVBoxLayout()
        self._list.setSpacing(12)
        self.back_button = QPushButton("Back to the board")
        self.back_button.setMinimumHeight(72)
        self.back_button.clicked.connect(self.back_requested)
        self.back_button.hide()
        box = QWidget()
        box.setMaximumWidth(760)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addLayout(self._list)
        inner.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def set_restaurants(self, restaurants: Sequence[RestaurantInfo], current: str | None) -> None:
        for button in self.buttons.values():
            self._list.removeWidget(button)
            button.deleteLater()
        self.buttons.clear()
        for r in restaurants:
            role = _ROLE_TEXT.get(r.role, r.role)
            mark = "  ✔ current" if r.restaurant_id == current else ""
            button = QPushButton(f"{r.name}  ({role}){mark}")
            button.setMinimumHeight(80)
            button.clicked.connect(lambda _=False, rid=r.restaurant_id: self._on_chosen(rid))
            self._list.addWidget(button)
            self.buttons[r.restaurant_id] = button
        self.back_button.setVisible(current is not None)

    def _on_chosen(self, restaurant_id: str) -> None:
        self.restaurant_chosen.emit(restaurant_id)
