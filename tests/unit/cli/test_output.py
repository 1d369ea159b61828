"""The `kds tail` writer: JSON lines are flushed objects, nothing after the board closes."""

from __future__ import annotations

import io
import json

from kds.cli.output import TailWriter


def test_tail_writer_json_lines_are_flushed_objects() -> None:
    buf = io.StringIO()
    out = TailWriter(True, buf)
    out.notice("warning", "Server unreachable")
    out.remove("o1", None)
    out.closed = True
    out.alert("o2", "ORD-2")  # nothing after the board line
    assert [json.loads(line) for line in buf.getvalue().splitlines()] == [
        {"type": "notice", "level": "warning", "message": "Server unreachable"},
        {"type": "remove", "orderId": "o1", "status": None},
    ]
