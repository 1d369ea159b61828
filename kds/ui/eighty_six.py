"""`EightySix`: "86" on the kitchen screen — ask, confirm, mark, and show what is sold out.

Staff mark an item sold out (or back) from a ticket's "⋯" (its lines) or from the All-day
panel; each asks first (`ConfirmDialog`: it changes what every customer can order). The
session sends it (`Session.mark_item`) and answers with the new sold-out state, which this
object lays over the board: every open ticket with that item flags the line "⊘ SOLD OUT".
A failure is told in words where the cook is looking (the notice line).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget

from kds.app.i18n import translate
from kds.core.sold_out import SoldOut
from kds.core.ticket import Ticket
from kds.ui.board_view import BoardView
from kds.ui.dialogs import ConfirmDialog
from kds.ui.line_text import item_sold_out
from kds.ui.session_api import SessionApi

__all__ = ["EightySix"]


class EightySix(QObject):
    """The sold-out state shown on the board, and the confirm before a mark.

    Args:
        open_dialog: shows a dialog (the page's one-dialog-at-a-time `_open`).

    Signals:
        changed(): the sold-out state changed (panels re-read `state`).

    Attributes:
        state: what is sold out now (empty until the session says otherwise).
    """

    changed = Signal()

    def __init__(
        self,
        session: SessionApi,
        board_view: BoardView,
        open_dialog: Callable[[QDialog], None],
        notice: Callable[[str, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._view = board_view
        self._open = open_dialog
        self._notice = notice
        self.state = SoldOut()
        session.sold_out_changed.connect(self._on_changed)
        session.sold_out_failed.connect(lambda _item, text: notice("error", text))

    def _on_changed(self, state: SoldOut) -> None:
        self.state = state
        self._view.set_placement(replace(self._view.placement, sold_out=state.ids))
        self.changed.emit()

    def is_sold_out(self, menu_item_id: str) -> bool:
        return item_sold_out(menu_item_id, self._view.placement)

    def ticket_items(self, ticket: Ticket) -> list[tuple[str, str, bool]]:
        """A ticket's menu items (each once, in its order) as (id, name, sold out): what its
        "⋯" offers to 86 or bring back. Lines the menu does not know cannot be marked."""
        menu = self._view.placement.menu
        seen: dict[str, tuple[str, str, bool]] = {}
        for line in ticket.items:
            item = menu.item(line.menu_item_id) if menu is not None else None
            if item is not None and item.id not in seen:  # menu ids are canonical already
                seen[item.id] = (item.id, item.name, self.is_sold_out(item.id))
        return list(seen.values())

    def ask(
        self, menu_item_id: str, name: str, sold_out: bool, over: QWidget | None = None
    ) -> None:
        """Confirm, then mark `name` sold out (or back on, when `sold_out` says it is). The
        confirm opens over `over` (a panel stays open under it), else as the page's dialog."""
        if sold_out:  # the item's name is the menu's: never translated
            dialog = ConfirmDialog(
                translate("EightySix", "Back on the menu"),
                translate(
                    "EightySix", "{item} is available again? Customers can order it at once."
                ).format(item=name),
                translate("EightySix", "✓ {item} is back").format(item=name),
            )
        else:
            dialog = ConfirmDialog(
                translate("EightySix", "Sold out (86)"),
                translate(
                    "EightySix", "Mark {item} sold out? Customers cannot order it until it is back."
                ).format(item=name),
                translate("EightySix", "⊘ {item} sold out").format(item=name),
                role="danger",
            )
        dialog.confirmed.connect(
            lambda: self._session.mark_item(menu_item_id, name, available=sold_out)
        )
        if over is None:
            self._open(dialog)
            return
        dialog.setParent(over, Qt.WindowType.Dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
