"""The rush board's foot: counts by status, the page, and what is off screen — always shown.

A late order must never hide on another page: the bar says how many orders are off screen
(older ones on earlier pages, newer ones on later pages) and how long the oldest of them has
waited, in the same mm:ss and level colour as a ticket's timer, and it turns to the alert
colour while an unacknowledged new order is off screen. "N more →" is itself the button to
the next page: the count and the way to reach them are one touch target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from kds.app.i18n import translate
from kds.core.lanes import LANE_OF_STATUS, Lane
from kds.core.ticket import Ticket
from kds.core.timers import TimerLevel, TimerThresholds, ticket_timer
from kds.ui.flow import FlowPlan
from kds.ui.theme import Theme
from kds.ui.widgets import touch_button

__all__ = ["PageStatus", "PagerBar", "page_status"]


@dataclass(frozen=True, slots=True)
class PageStatus:
    """What the bar shows; built by the board on every relayout and tick.

    Attributes:
        page, pages: 0-based page shown, and how many there are.
        before, after: open orders whose step is on an earlier / a later page.
        oldest_off: the age (mm:ss) of the oldest order off screen, "" if none.
        oldest_level: that order's timer level (the colour of the age).
        alerting_off: unacknowledged new orders off screen.
        counts: (new, in progress, ready) open orders on the whole board.
    """

    page: int = 0
    pages: int = 1
    before: int = 0
    after: int = 0
    oldest_off: str = ""
    oldest_level: TimerLevel = TimerLevel.OK
    alerting_off: int = 0
    counts: tuple[int, int, int] = (0, 0, 0)

    @property
    def off_screen(self) -> int:
        return self.before + self.after


def page_status(
    tickets: Sequence[tuple[Ticket, bool]],
    plan: FlowPlan,
    page: int,
    now: datetime,
    thresholds: TimerThresholds,
) -> PageStatus:
    """What the bar says for `page` of `plan`: `tickets` are (ticket, alerting), oldest first,
    so the first one off the page is the oldest off screen."""
    before = after = alerting = 0
    oldest: Ticket | None = None
    counts = {lane: 0 for lane in Lane}
    for ticket, flashing in tickets:
        counts[LANE_OF_STATUS[ticket.status]] += 1
        on = plan.page_of.get(ticket.order_id, 0)
        if on == page:
            continue
        before += on < page
        after += on > page
        alerting += flashing
        oldest = oldest or ticket
    status = PageStatus(
        page=page,
        pages=plan.pages,
        before=before,
        after=after,
        counts=(counts[Lane.NEW], counts[Lane.IN_PROGRESS], counts[Lane.READY]),
        alerting_off=alerting,
    )
    if oldest is None:
        return status
    timer = ticket_timer(oldest, now, thresholds)
    return replace(status, oldest_off=timer.age_text, oldest_level=timer.level)


class PagerBar(QFrame):
    """Counts, page number, off-screen summary, and the previous / next page buttons.

    Signals:
        previous_requested(), next_requested(): the buttons.

    Attributes:
        status: what is shown now.
        summary: the off-screen label (the widget that counts an order not on screen).
    """

    previous_requested = Signal()
    next_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pager")
        self._theme = theme
        self.status = PageStatus()
        self.counts = QLabel()
        self.counts.setObjectName("pagerText")
        self.summary = QLabel()
        self.summary.setObjectName("pagerText")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        for label in (self.counts, self.summary):  # sized by `_fit_texts`, never by their text
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.previous = touch_button("", name="pagePrevious", height=theme.touch(44))
        self.next = touch_button("", name="pageNext", role="primary", height=theme.touch(44))
        for button in (self.previous, self.next):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.previous.clicked.connect(self.previous_requested)
        self.next.clicked.connect(self.next_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(12)
        layout.addWidget(self.counts, 2)
        layout.addWidget(self.summary, 3)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        self._layout = layout
        self.show_status(PageStatus())

    def show_status(self, status: PageStatus) -> None:
        """Show `status` (no-op when nothing changed: called on every tick)."""
        if status == self.status and self.counts.text():
            return
        self.status = status
        self.previous.setVisible(status.page > 0)
        before, after = status.before, status.after  # lupdate reads a plain name as the count
        self.previous.setText(translate("PagerBar", "← %n older", None, before))
        self.next.setVisible(status.page < status.pages - 1)
        self.next.setText(translate("PagerBar", "%n more →", None, after))
        self._fit_texts()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_texts()

    def _fit_texts(self) -> None:
        """The long wording where it fits, the short one on a narrow screen: never wider than
        the bar (a wider bar would widen the board beyond the window), never elided. The two
        labels share the room in proportion to their words, so each fits when both do (a fixed
        share cut the counts' words in English at 1280 px, and they run longer in Vietnamese)."""
        status = self.status
        buttons = sum(
            b.sizeHint().width() + 12 for b in (self.previous, self.next) if b.isVisibleTo(self)
        )
        room = self.width() - buttons - 40
        metrics = self.counts.fontMetrics()
        for short in (False, True):
            counts = _counts_text(status, short)
            parts = _summary_parts(status, short, self._theme)
            plain = "".join(text for text, _ in parts)
            if metrics.horizontalAdvance(counts + plain) + 20 <= room:
                break
        self.counts.setText(counts)
        self._layout.setStretch(0, max(1, metrics.horizontalAdvance(counts)))
        self._layout.setStretch(1, max(1, metrics.horizontalAdvance(plain)))
        self.summary.setText(
            "".join(f'<span style="color:{c}">{t}</span>' if c else t for t, c in parts)
        )


def _counts_text(status: PageStatus, short: bool) -> str:
    new, cooking, ready = status.counts
    if short:
        return f"★ {new}  ▶ {cooking}  ✔ {ready}"
    words = translate("PagerBar", "★ {new} new   ▶ {cooking} in progress   ✔ {ready} ready")
    return words.format(new=new, cooking=cooking, ready=ready)


def _summary_parts(status: PageStatus, short: bool, theme: Theme) -> list[tuple[str, str]]:
    """The summary as (words, colour or "") pieces: measured as plain text, shown coloured."""
    page = f"{status.page + 1}/{status.pages}"
    if not status.off_screen:
        return [(translate("PagerBar", "{page} · all on screen").format(page=page), "")]
    count = status.off_screen  # lupdate reads a plain name as the count
    if short:
        off = translate("PagerBar", "%n off", None, count)
    else:
        off = translate("PagerBar", "%n off screen", None, count)
    oldest = translate("PagerBar", "{page} · {off} · oldest ").format(page=page, off=off)
    parts = [
        (oldest, ""),
        (
            f"{status.oldest_level.icon} {status.oldest_off}",
            theme.level_colour(status.oldest_level),
        ),
    ]
    if status.alerting_off:
        alerting = translate("PagerBar", "★ {count} NEW").format(count=status.alerting_off)
        parts += [(" · ", ""), (alerting, theme.critical)]
    return parts
