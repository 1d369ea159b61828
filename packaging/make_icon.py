"""Draws the kds icon (a ticket rail with three order tickets) into a PNG, with QPainter offscreen.

Why drawn by code: the package needs an icon, and a script in the repo keeps it reproducible
and licence-free.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def draw_icon(path: Path, size: int = 256) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1e2530"))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 40 * s, 40 * s)
    p.setBrush(QColor("#9aa4b2"))
    p.drawRect(QRectF(28 * s, 44 * s, 200 * s, 10 * s))  # the ticket rail
    for i, colour in enumerate(("#e5484d", "#f5a524", "#30a46c")):  # new, cooking, ready
        x = (34 + i * 66) * s
        p.setBrush(QColor("#f4f1ea"))
        p.drawRoundedRect(QRectF(x, 54 * s, 56 * s, 150 * s), 6 * s, 6 * s)
        p.setBrush(QColor(colour))
        p.drawRect(QRectF(x, 54 * s, 56 * s, 22 * s))
        p.setPen(QPen(QColor("#5b6470"), 5 * s))
        for row in range(4):
            y = (96 + row * 24) * s
            p.drawLine(int(x + 9 * s), int(y), int(x + (47 - 10 * (row % 2)) * s), int(y))
        p.setPen(Qt.PenStyle.NoPen)
    font = QFont("DejaVu Sans", max(1, int(26 * s)))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#f4f1ea"))
    p.drawText(QRectF(0, 206 * s, size, 36 * s), Qt.AlignmentFlag.AlignCenter, "KDS")
    p.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path)):  # PNG, from the suffix
        raise OSError(f"could not write {path}")
    del app


if __name__ == "__main__":
    draw_icon(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("kds.png"))
