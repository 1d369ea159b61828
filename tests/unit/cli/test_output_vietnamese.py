"""`kds tail`'s readable lines in Vietnamese; its JSON lines are the same bytes in any language."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from kds.app import i18n
from kds.cli.output import TailWriter, missing_categories_warning
from kds.core.stations import Station
from tests.support.menus import seed_menu
from tests.unit.cli.test_output import ticket_with
from tests.unit.core.factories import item

AT = datetime(2025, 9, 14, 10, 22, 10, tzinfo=UTC)


def _write(json_lines: bool) -> str:
    """Every kind of record, as `kds tail` prints it."""
    buf = io.StringIO()
    out = TailWriter(json_lines, buf)
    out.connection("reconnecting", AT)
    out.connection("connected", AT)
    ticket = ticket_with(item("Phở Bò Tái", 2))
    out.upsert(ticket, None)
    out.alert("o2", "1042")
    out.notice("warning", "Menu could not be loaded")
    out.remove("o1", "Cancelled")
    out.remove("o3", None)
    out.board([ticket])
    return buf.getvalue()


def test_the_readable_lines_speak_vietnamese(vietnamese: None) -> None:
    lines = _write(False).splitlines()
    assert lines[0] == "2025-09-14T10:22:10Z  kết nối  đang kết nối lại"
    assert lines[1] == "2025-09-14T10:22:10Z  kết nối  đã kết nối"
    assert lines[2].startswith("cập nhật  ")
    assert "  Mới  (" in lines[2]
    assert lines[3] == "    2 × Phở Bò Tái  [Other]"  # data: the item and category as they come
    assert lines[4] == "BÁO    đơn mới 1042  (o2)"
    assert lines[5] == "CẢNH BÁO: Menu could not be loaded"  # the session's message: as it came
    assert lines[6] == "gỡ  o1  Đã hủy"
    assert lines[7] == "gỡ  o3  đã đóng"
    assert lines[8] == "bảng: 1 đơn đang mở"


def test_the_json_lines_are_the_same_bytes_in_vietnamese() -> None:
    english = _write(True)
    assert i18n.install("vi")
    try:
        assert _write(True) == english
    finally:
        i18n.install("en")


def test_the_missing_categories_warning_in_vietnamese(vietnamese: None) -> None:
    menu = seed_menu("pho-hanoi")
    one = missing_categories_warning(Station("bar", ("Cocktails",)), menu)
    assert one is not None
    assert one.startswith("quầy 'bar': 'Cocktails' không phải nhóm món trong thực đơn của nhà hàng")
    assert one.endswith("(kiểm tra cấu hình quầy trong config.toml)")
