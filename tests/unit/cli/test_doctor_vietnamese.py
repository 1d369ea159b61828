"""`kds doctor` in Vietnamese: names, statuses, details and hints a person reads; the JSON
lines keep the English keys and statuses."""

from __future__ import annotations

import json

import pytest

from kds.cli.checks import Result, check_clock, check_dns
from kds.cli.doctor import Report


@pytest.mark.usefixtures("vietnamese")
def test_the_readable_report_speaks_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    report = Report(json_lines=False)
    report.add(Result("tls", True, "plain http", "use https://", warn=True))
    report.add(Result("clock", True, "+0.2 s"))
    report.add(Result("sound", False, "no device", "speakers?"))
    report.add(Result("a new check", True, "ok"))  # not in the table: its name as it is
    assert capsys.readouterr().out.splitlines() == [
        "CHÚ Ý TLS — plain http (use https://)",
        "ĐẠT đồng hồ — +0.2 s",
        "LỖI âm thanh — no device (speakers?)",
        "ĐẠT a new check — ok",
    ]


def test_json_lines_keep_the_keys_in_vietnamese(
    capsys: pytest.CaptureFixture[str], vietnamese: None
) -> None:
    Report(json_lines=True).add(Result("clock", False, "x", "y"))
    assert json.loads(capsys.readouterr().out) == {
        "check": "clock",
        "status": "FAIL",
        "detail": "x",
        "hint": "y",
    }


@pytest.mark.usefixtures("vietnamese")
def test_details_and_hints_in_vietnamese() -> None:
    no_host = check_dns("https://")
    assert (no_host.name, no_host.ok) == ("dns", False)
    assert no_host.detail == "không có tên máy chủ trong 'https://'"
    assert no_host.hint == "dùng dạng https://orders.example.com"
    no_date = check_clock(None, 0.0)
    assert (no_date.detail, no_date.hint) == (
        "máy chủ không gửi header Date",
        "không so được đồng hồ",
    )


def test_details_and_hints_in_english_without_a_catalogue() -> None:
    no_host = check_dns("https://")
    assert no_host.detail == "no host name in 'https://'"
    assert no_host.hint == "use e.g. https://orders.example.com"
