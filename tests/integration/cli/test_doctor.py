"""`kds doctor` end to end: a subprocess against the real kds-server, plain and behind TLS."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from tests.integration.cli.tailproc import ROOT, kds_env
from tests.support.helpers import ADMIN, staff, wait_until
from tests.support.server import ServerProcess

STAFF, PASSWORD = staff("pho-hanoi")
LINE = re.compile(r"^(PASS|FAIL) (\S.*?) — (.+)$")
ORDER = [
    "dns",
    "tcp",
    "tls",
    "ping",
    "clock",
    "login",
    "users/me",
    "negotiate",
    "transport websockets",
    "subscribe",
    "transport server-sent events",
    "transport long polling",
    "sound",
]


def doctor(
    tmp: Path, *args: str, password: str | None = None, language: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`kds doctor ARGS`; `language`: as KDS_LANGUAGE."""
    cmd = [sys.executable, "-m", "kds", "doctor", *args]
    if password is not None:
        cmd.append("--password-stdin")
    env = kds_env(tmp)
    if language is not None:
        env["KDS_LANGUAGE"] = language
    return subprocess.run(
        cmd,
        input=None if password is None else password + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=90,
    )


def parse(stdout: str) -> dict[str, tuple[str, str]]:
    checks: dict[str, tuple[str, str]] = {}
    for line in stdout.splitlines():
        match = LINE.match(line)
        assert match, f"not a check line: {line!r}"
        checks[match.group(2)] = (match.group(1), match.group(3))
    return checks


def assert_sound_consistent(checks: dict[str, tuple[str, str]], code: int) -> None:
    """This machine may or may not have a sound device; the exit code must follow it."""
    others_failed = any(word == "FAIL" for name, (word, _) in checks.items() if name != "sound")
    assert code == (1 if others_failed or checks["sound"][0] == "FAIL" else 0)
    if checks["sound"][0] == "FAIL":
        assert "alerts will be visual only" in checks["sound"][1]


def test_doctor_with_an_account_checks_everything_in_order(
    module_dev_server: ServerProcess, tmp_path: Path
) -> None:
    done = doctor(tmp_path, "--server", module_dev_server.url, "--user", STAFF, password=PASSWORD)
    checks = parse(done.stdout)
    assert list(checks) == ORDER
    failed = [name for name, (word, _) in checks.items() if word == "FAIL" and name != "sound"]
    assert failed == [], done.stdout
    assert "Pho Hanoi" in checks["users/me"][1]
    assert_sound_consistent(checks, done.returncode)
    assert PASSWORD not in done.stdout + done.stderr


def test_doctor_json_and_failures_with_hints(
    module_dev_server: ServerProcess, tmp_path: Path
) -> None:
    url = module_dev_server.url
    done = doctor(tmp_path, "--server", url, "--user", ADMIN[0], "--json", password=ADMIN[1])
    records = [json.loads(line) for line in done.stdout.splitlines()]
    by_name = {r["check"]: r for r in records}
    assert by_name["login"]["status"] == "PASS"
    assert by_name["users/me"]["status"] == "FAIL"
    assert "no restaurant" in by_name["users/me"]["detail"]
    assert by_name["users/me"]["hint"]
    assert "negotiate" not in by_name  # depends on a restaurant account
    assert done.returncode == 1

    wrong = doctor(tmp_path, "--server", url, "--user", STAFF, password="nope")
    checks = parse(wrong.stdout)
    assert checks["login"][0] == "FAIL"
    assert "Wrong user name or password." in checks["login"][1]
    assert wrong.returncode == 1

    anonymous = doctor(tmp_path, "--server", url)
    checks = parse(anonymous.stdout)
    assert list(checks) == ["dns", "tcp", "tls", "ping", "clock", "negotiate", "sound"]
    assert checks["negotiate"][0] == "PASS"
    assert_sound_consistent(checks, anonymous.returncode)

    down = doctor(tmp_path, "--server", "http://127.0.0.1:9")
    checks = parse(down.stdout)
    assert checks["tcp"][0] == "FAIL"
    assert "(is the server running?" in down.stdout
    assert down.returncode == 1
    assert list(checks) == ["dns", "tcp", "sound"]


VI_LINE = re.compile(r"^(ĐẠT|LỖI) (\S.*?) — (.+)$")
VI_ORDER = [
    "DNS",
    "TCP",
    "TLS",
    "ping",
    "đồng hồ",
    "đăng nhập",
    "tài khoản (users/me)",
    "hub (negotiate)",
    "kết nối WebSockets",
    "đăng ký nhận đơn",
    "kết nối server-sent events",
    "kết nối long polling",
    "âm thanh",
]


def test_doctor_speaks_vietnamese(module_dev_server: ServerProcess, tmp_path: Path) -> None:
    url = module_dev_server.url
    done = doctor(tmp_path, "--server", url, "--user", STAFF, password=PASSWORD, language="vi")
    checks: dict[str, tuple[str, str]] = {}
    for line in done.stdout.splitlines():
        match = VI_LINE.match(line)
        assert match, f"not a check line: {line!r}"
        checks[match.group(2)] = (match.group(1), match.group(3))
    assert list(checks) == VI_ORDER
    failed = [name for name, (word, _) in checks.items() if word == "LỖI" and name != "âm thanh"]
    assert failed == [], done.stdout
    assert checks["TLS"][1] == "không dùng (http thường trên máy này)"
    assert checks["đăng nhập"][1] == f"đã đăng nhập bằng {STAFF}"
    assert checks["tài khoản (users/me)"][1].startswith("1 nhà hàng: Pho Hanoi (")
    assert checks["kết nối WebSockets"][1] == "đã kết nối, bắt tay xong"
    if checks["âm thanh"][0] == "LỖI":
        assert "báo chỉ hiện trên màn hình, không có tiếng" in checks["âm thanh"][1]

    wrong = doctor(tmp_path, "--server", url, "--user", STAFF, password="nope", language="vi")
    assert re.search(r"^LỖI đăng nhập — .* \(sai mật khẩu\)$", wrong.stdout, re.MULTILINE)

    down = doctor(tmp_path, "--server", "http://127.0.0.1:9", "--language", "vi")
    assert "(máy chủ có đang chạy không? tường lửa hay cổng?)" in down.stdout
    assert "bỏ qua các bước kiểm tra mạng sau: hãy sửa lỗi đầu tiên ở trên" in down.stderr


def test_doctor_json_is_the_same_in_vietnamese(
    module_dev_server: ServerProcess, tmp_path: Path
) -> None:
    """Byte for byte where nothing is timed; with a server, equal but for the numbers (ms)."""
    down = ("--server", "http://127.0.0.1:9", "--json")
    english = doctor(tmp_path, *down, language="en")
    assert english.stdout
    assert doctor(tmp_path, *down, language="vi").stdout == english.stdout
    assert doctor(tmp_path, *down, "--language", "vi").stdout == english.stdout

    def numbers_out(done: subprocess.CompletedProcess[str]) -> str:
        return re.sub(r"[0-9.+-]+", "N", done.stdout)

    args = ("--server", module_dev_server.url, "--user", ADMIN[0], "--json")
    english = doctor(tmp_path, *args, password=ADMIN[1], language="en")
    vietnamese = doctor(tmp_path, *args, password=ADMIN[1], language="vi")
    assert '"check": "users/me", "status": "FAIL", "detail": "no restaurant' in english.stdout
    assert numbers_out(vietnamese) == numbers_out(english)


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(https URL, CA file) of a kds-server behind TLS with a private CA."""
    tmp = tmp_path_factory.mktemp("doctor-tls")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca_path, cert_path, key_path = tmp / "ca.pem", tmp / "cert.pem", tmp / "key.pem"
    ca.cert_pem.write_to_path(str(ca_path))
    cert.cert_chain_pems[0].write_to_path(str(cert_path))
    cert.private_key_pem.write_to_path(str(key_path))
    out = tmp / "stdout"
    cmd = [sys.executable, "-m", "tests.integration.net.tls_server", str(cert_path), str(key_path)]
    cmd += ["--host", "127.0.0.1", "--port", "0", "--db", str(tmp / "kds.db"), "--dev"]
    cmd += ["--seed", "demo", "--log-level", "warning"]
    with out.open("wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        ready = re.compile(r"kds-server listening on http://(\S+)")
        match = wait_until(lambda: ready.search(out.read_text()), 20)
        yield f"https://{match.group(1)}", str(ca_path)
    finally:
        proc.terminate()
        proc.wait(10)


def test_doctor_tls_with_and_without_the_private_ca(
    tls_server: tuple[str, str], tmp_path: Path
) -> None:
    url, ca_file = tls_server
    untrusted = doctor(tmp_path, "--server", url)
    checks = parse(untrusted.stdout)
    assert checks["tls"][0] == "FAIL"
    assert "certificate not trusted" in checks["tls"][1]
    assert "--ca-file" in untrusted.stdout
    assert untrusted.returncode == 1

    trusted = doctor(
        tmp_path, "--server", url, "--ca-file", ca_file, "--user", STAFF, password=PASSWORD
    )
    checks = parse(trusted.stdout)
    assert checks["tls"][0] == "PASS"
    assert "verified" in checks["tls"][1]
    failed = [name for name, (word, _) in checks.items() if word == "FAIL" and name != "sound"]
    assert failed == [], trusted.stdout


def test_tail_over_tls_with_the_private_ca(tls_server: tuple[str, str], tmp_path: Path) -> None:
    url, ca_file = tls_server
    cmd = [sys.executable, "-m", "kds", "tail", "--server", url, "--user", STAFF]
    cmd += ["--restaurant", "pho-hanoi", "--json", "--password-stdin", "--exit-after-s", "4"]
    env = kds_env(tmp_path)
    trusted = subprocess.run(
        [*cmd, "--ca-file", ca_file],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert trusted.returncode == 0, trusted.stderr
    records = [json.loads(line) for line in trusted.stdout.splitlines()]
    assert {"type": "connection", "state": "connected"}.items() <= records[0].items()
    assert records[-1]["type"] == "board"

    untrusted = subprocess.run(
        cmd, input=PASSWORD + "\n", capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )
    assert untrusted.returncode == 2
    [notice] = [json.loads(line) for line in untrusted.stdout.splitlines()]
    assert notice["level"] == "error"
    assert "certificate is not trusted" in notice["message"]
