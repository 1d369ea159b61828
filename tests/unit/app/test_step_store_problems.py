"""The step queue's problems: English in the log, the screen's language on screen."""

from __future__ import annotations

from kds.app import step_store_problems as problem


def test_a_damaged_file_is_logged_in_english_and_shown_in_vietnamese(vietnamese: None) -> None:
    why = problem.Damaged(problem.NEWER, version=7)
    assert str(why) == "the file was written by a newer kds (version 7)"
    assert why.words() == "tệp do kds mới hơn ghi (phiên bản 7)"
    assert problem.set_aside(why, "steps.sqlite3.corrupt-1") == (
        "Không khôi phục được các thao tác chờ gửi: tệp do kds mới hơn ghi (phiên bản 7). "
        "Tệp được giữ lại là steps.sqlite3.corrupt-1."
    )
    assert problem.unusable(PermissionError()) == (
        "Máy này không lưu được thao tác (PermissionError): thao tác làm khi mất kết nối sẽ bị mất."
    )
    assert problem.unreadable_row("mark_ready", "#12") == (
        "Không đọc được một thao tác chờ gửi (mark_ready cho #12); đã bỏ qua."
    )


def test_english_as_written() -> None:
    why = problem.Damaged(problem.DAMAGED)
    assert problem.set_aside(why, "x") == (
        "The steps waiting to be sent could not be restored: the file is damaged. "
        "The file was kept as x."
    )
    assert problem.unreadable_row("start_preparing", "") == (
        "A kept step could not be read and was skipped."
    )
