"""`PageDialogs`: the dialogs the board page opens over the board, one at a time.

A ticket's "⋯" (another ETA, Reject, Cancel, an item sold out), Accept held (the ETA presets),
Reject and Cancel (a reason each), the Recall and All-day panels, and the dialogs other parts
of the page open through `open` (86 an item, cancel a kept step): a new one closes the one
before, and focus goes back to the page when it closes, for the keys and the bump bar. A
dialog about an order that leaves the board meanwhile (cancelled by the customer, handled on
another screen) would only produce an error, so it is closed with a notice instead. What a
dialog confirms goes where a tapped step goes: the kept steps (`KeptSteps.take`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QWidget

from kds.app.i18n import translate
from kds.core.actions import Action, ActionRequest, next_step
from kds.core.changes import Change, OrderRemoved
from kds.ui.actions import reason_presets
from kds.ui.board_view import BoardView
from kds.ui.dialogs import ITEM_PREFIX, OTHER_ETA, AcceptDialog, MoreDialog, ReasonDialog
from kds.ui.eighty_six import EightySix
from kds.ui.kept_steps import KeptSteps
from kds.ui.panels import AllDayPanel, RecallPanel
from kds.ui.session_api import SessionApi
from kds.ui.station_screen import StationScreen
from kds.ui.text import STATUS_TEXT
from kds.ui.theme import Theme
from kds.ui.ticket_view import TicketView

__all__ = ["PageDialogs"]


class PageDialogs(QObject):
    """The dialog open over `page`, and the ones a ticket or the header asks for.

    Args:
        label: an order's "#1234", as the dialogs name it.
        show_notice: the page's notice line (level, text).

    Attributes:
        dialog: the action dialog or panel currently open, or None.
    """

    def __init__(
        self,
        page: QWidget,
        session: SessionApi,
        board_view: BoardView,
        station: StationScreen,
        eighty_six: EightySix,
        kept: KeptSteps,
        theme: Theme,
        label: Callable[[str], str],
        show_notice: Callable[[str, str], None],
    ) -> None:
        super().__init__(page)
        self._page = page
        self._session = session
        self._board_view = board_view
        self._station = station
        self._eighty_six = eighty_six
        self._kept = kept
        self._theme = theme
        self._label = label
        self._show_notice = show_notice
        self.dialog: QDialog | None = None
        self._dialog_order: str | None = None  # the ticket an open action dialog is about

    def open(self, dialog: QDialog, order_id: str | None = None) -> None:
        if self.dialog is not None:
            old, self.dialog = self.dialog, None
            old.close()
        self.dialog = dialog
        self._dialog_order = order_id
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _: self._on_dialog_finished(dialog))
        dialog.open()

    def _on_dialog_finished(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
            self._dialog_order = None
        self._page.setFocus()

    def on_change(self, change: Change) -> None:
        # An accept/reject/cancel dialog for an order that just left the board (cancelled by
        # the customer, handled on another screen) would only produce an error: close it.
        if not isinstance(change, OrderRemoved):
            return
        if self.dialog is not None and change.order_id == self._dialog_order:
            self.dialog.close()
            final = change.final_status
            if final is None:
                notice = translate("PageDialogs", "That order left the board (closed elsewhere).")
            else:
                status = translate("Status", STATUS_TEXT[final]) if final in STATUS_TEXT else final
                notice = translate("PageDialogs", "That order left the board ({status}).")
                notice = notice.format(status=status)
            self._show_notice("warning", notice)

    # ------------------------------------------------------------------ a ticket's dialogs

    def idle_ticket(self, order_id: str) -> TicketView | None:
        """The ticket's view, unless it is gone or a call for it is running (never double-fire)."""
        view = self._board_view.ticket_view(order_id)
        return None if view is None or view.busy_action is not None else view

    def open_more(self, order_id: str) -> None:
        """ "⋯": another ETA, Reject or Cancel, each confirmed by its own dialog."""
        view = self.idle_ticket(order_id)
        if view is None:
            return
        accept = (Action.ACCEPT,) if next_step(view.working_status) is Action.ACCEPT else ()
        actions = () if self._station.station else (*accept, *view.other_actions)
        items = self._eighty_six.ticket_items(view.ticket)
        more = MoreDialog(self._label(order_id), actions, self._page, items=items)
        more.chosen.connect(lambda value: self._on_more_chosen(order_id, value))
        self.open(more, order_id)

    def _on_more_chosen(self, order_id: str, value: str) -> None:
        if value.startswith(ITEM_PREFIX):
            view = self._board_view.ticket_view(order_id)
            items = self._eighty_six.ticket_items(view.ticket) if view is not None else []
            for item_id, name, sold_out in items:
                if ITEM_PREFIX + item_id == value:
                    self._eighty_six.ask(item_id, name, sold_out)
        elif value == OTHER_ETA:
            self.ask_eta(order_id)
        else:
            self.ask_reason(order_id, Action(value))

    def ask_eta(self, order_id: str) -> None:
        """Accept with an ETA other than the default: the preset dialog."""
        if self.idle_ticket(order_id) is None:
            return
        accept = AcceptDialog(self._label(order_id), self._page)
        accept.eta_chosen.connect(
            lambda minutes: self._kept.take(ActionRequest(order_id, Action.ACCEPT, eta_min=minutes))
        )
        self.open(accept, order_id)

    def ask_reason(self, order_id: str, action: Action) -> None:
        if self.idle_ticket(order_id) is None:
            return
        presets = reason_presets(action)  # translated: the words sent are the words shown
        reason = ReasonDialog(action, self._label(order_id), presets, self._page)
        reason.reason_confirmed.connect(
            lambda text: self._kept.take(ActionRequest(order_id, action, reason=text or None))
        )
        self.open(reason, order_id)

    # ------------------------------------------------------------------ the header's panels

    def open_recall(self) -> None:
        recall = RecallPanel(
            self._session.board,
            self._theme,
            self._page,
            placement=lambda: self._board_view.placement,
            done_here=lambda: self._station.done,
            bring_back=self._station.bring_back,
        )
        self.open(recall)

    def open_all_day(self) -> None:
        placement = lambda: self._board_view.placement  # noqa: E731 - read when shown
        panel = AllDayPanel(
            self._session.board, self._theme, self._page, placement=placement, sold=self._eighty_six
        )
        self.open(panel)
