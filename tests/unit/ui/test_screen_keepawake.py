"""Screen blanking off while the kiosk runs and back after: on a real X server (Xvfb), and with a
fake connection for DPMS, which Xvfb does not have."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pytest

from kds.ui import screen_keepawake
from kds.ui.screen_keepawake import (
    BlankingSettings,
    KeepAwakeUnavailable,
    ScreenKeepAwake,
    XConnection,
)
from tests.support.xvfb import XvfbFactory

# A terminal whose owner set a 5-minute screensaver without blanking: all four values must
# come back as they were, not as the X server's defaults (600 s, prefer blanking).
CHOSEN = BlankingSettings(300, 60, 0, 1, dpms_enabled=None)


def read(display: str) -> BlankingSettings:
    """The server's settings through a fresh connection (nothing cached on the client side)."""
    with XConnection(display) as connection:
        return connection.read()


def test_start_turns_the_screensaver_off_and_stop_puts_back_what_it_found(
    xvfb: XvfbFactory, no_leaks: None
) -> None:
    display = xvfb()
    with XConnection(display) as connection:
        connection.write(CHOSEN)
    assert read(display) == CHOSEN
    keep = ScreenKeepAwake(display)
    assert keep.start()
    running = read(display)
    assert running.timeout_s == 0
    assert not running.blanks
    assert running == CHOSEN.awake()  # only the timeout changed
    assert running.dpms_enabled is None  # Xvfb has no DPMS extension: nothing to switch
    keep.stop()
    assert read(display) == CHOSEN
    assert not keep.active


def test_starting_twice_still_restores_the_first_settings(
    xvfb: XvfbFactory, no_leaks: None
) -> None:
    display = xvfb()
    with XConnection(display) as connection:
        connection.write(CHOSEN)
    keep = ScreenKeepAwake(display)
    assert keep.start()
    assert keep.start()  # must not save "off" as the settings to restore
    keep.stop()
    keep.stop()
    assert read(display) == CHOSEN


def test_no_x_display_is_one_log_line_and_the_board_runs_on(
    caplog: pytest.LogCaptureFixture, no_leaks: None
) -> None:
    keep = ScreenKeepAwake(":4093")  # nothing listens there
    with caplog.at_level(logging.INFO, logger=screen_keepawake.__name__):
        assert not keep.start()
        keep.stop()
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "cannot keep the screen from blanking" in caplog.text
    assert "cannot open X display :4093" in caplog.text


def test_missing_libx11_is_one_log_line(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def no_library() -> None:
        raise KeepAwakeUnavailable("libX11 not found")

    monkeypatch.setattr(screen_keepawake, "_libraries", no_library)
    with caplog.at_level(logging.WARNING, logger=screen_keepawake.__name__):
        assert not ScreenKeepAwake(":0").start()
    assert len(caplog.records) == 1
    assert "libX11 not found" in caplog.text


@dataclass
class FakeServer:
    """An X server's blanking settings, with DPMS, as the connections of one display see them."""

    settings: BlankingSettings
    woken: int = 0
    closed: int = 0
    gone: bool = False
    opened: list[str | None] = field(default_factory=list)

    def connect(self, display_name: str | None) -> FakeServer.Connection:
        if self.gone:
            raise KeepAwakeUnavailable(f"cannot open X display {display_name}")
        self.opened.append(display_name)
        return FakeServer.Connection(self)

    @dataclass
    class Connection:
        server: FakeServer

        def read(self) -> BlankingSettings:
            return self.server.settings

        def write(self, settings: BlankingSettings, *, wake: bool = False) -> None:
            self.server.settings = settings
            self.server.woken += wake

        def close(self) -> None:
            self.server.closed += 1


def test_dpms_is_switched_off_and_back_on() -> None:
    found = BlankingSettings(600, 600, 1, 1, dpms_enabled=True)
    server = FakeServer(found)
    keep = ScreenKeepAwake(":0", connect=server.connect)
    assert keep.start()
    assert server.settings == BlankingSettings(0, 600, 1, 1, dpms_enabled=False)
    assert server.woken == 1  # a screen already blank when the board starts comes back on
    keep.stop()
    assert server.settings == found
    assert server.opened == [":0", ":0"]
    assert server.closed == 2  # nothing of ours stays open on the X server


def test_dpms_left_off_by_its_owner_stays_off() -> None:
    found = BlankingSettings(0, 600, 1, 1, dpms_enabled=False)
    server = FakeServer(found)
    keep = ScreenKeepAwake(connect=server.connect)
    assert keep.start()
    keep.stop()
    assert server.settings == found


def test_an_x_server_gone_before_exit_is_logged_not_raised(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = FakeServer(BlankingSettings(600, 600, 1, 1, dpms_enabled=True))
    keep = ScreenKeepAwake(connect=server.connect)
    assert keep.start()
    server.gone = True
    with caplog.at_level(logging.WARNING, logger=screen_keepawake.__name__):
        keep.stop()
    assert "could not restore screen blanking (screensaver after 600 s, DPMS on)" in caplog.text


def test_settings_say_whether_the_screen_would_blank() -> None:
    assert BlankingSettings(600, 600, 1, 1, None).blanks
    assert BlankingSettings(0, 600, 1, 1, True).blanks
    assert not BlankingSettings(0, 600, 1, 1, False).blanks
    assert BlankingSettings(0, 600, 1, 1, None).describe() == "screensaver off, no DPMS"
