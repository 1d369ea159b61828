"""`kds doctor`'s report: a WARN is printed with its hint and does not fail the run."""

from __future__ import annotations

import json

import pytest

from kds.cli.checks import Result
from kds.cli.doctor import Report


def test_a_warning_is_shown_with_its_hint_and_fails_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    report = Report(json_lines=False)
    report.add(Result("tls", True, "plain http", "use https://", warn=True))
    report.add(Result("ping", True, "200 in 3 ms", "never shown for a pass"))
    assert capsys.readouterr().out.splitlines() == [
        "WARN tls — plain http (use https://)",
        "PASS ping — 200 in 3 ms",
    ]
    assert report.failed == 0


def test_json_lines_say_warn(capsys: pytest.CaptureFixture[str]) -> None:
    Report(json_lines=True).add(Result("tls", True, "plain http", "use https://", warn=True))
    record = json.loads(capsys.readouterr().out)
    assert record == {
        "check": "tls",
        "status": "WARN",
        "detail": "plain http",
        "hint": "use https://",
    }
