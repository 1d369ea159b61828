"""`setup_logging`: stderr and a rotating file, tokens redacted, unwritable dir tolerated."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kds.app.logging_setup import setup_logging


@pytest.fixture
def clean_root() -> Iterator[None]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


@pytest.mark.usefixtures("clean_root")
def test_file_and_stderr_get_redacted_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = setup_logging(logging.INFO, tmp_path / "logs" / "kds.log")
    assert path == tmp_path / "logs" / "kds.log"
    setup_logging(logging.INFO, path)  # idempotent: still one file handler and one stderr
    fake = "eyJfake.token.value"
    logging.getLogger("somelib.http").warning("GET /hubs?access_token=%s Bearer %s", fake, fake)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert text.count("access_token=***") == 1
    assert fake not in text
    err = capsys.readouterr().err
    assert "Bearer ***" in err
    assert fake not in err


@pytest.mark.usefixtures("clean_root")
def test_unwritable_log_dir_falls_back_to_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert setup_logging(logging.WARNING, blocker / "kds.log") is None
    assert "cannot write the log file" in capsys.readouterr().err


@pytest.mark.usefixtures("clean_root")
def test_auto_accepts_are_logged_at_the_default_level(tmp_path: Path) -> None:
    """The screen's own accepts are the kitchen's record: kept while the rest is at WARNING."""
    auto = logging.getLogger("kds.app.auto_accept")
    old = auto.level
    try:
        path = setup_logging(log_path=tmp_path / "kds.log")
        assert path is not None
        auto.info("auto-accepting order ORD-1 (…), ETA 25 min")
        logging.getLogger("kds.app.session").info("an ordinary detail")
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = path.read_text(encoding="utf-8")
        assert "auto-accepting order ORD-1" in text
        assert "an ordinary detail" not in text
    finally:
        auto.setLevel(old)
