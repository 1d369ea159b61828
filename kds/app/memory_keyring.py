"""A keyring backend that keeps secrets in this process only (headless tools, tests)."""

from __future__ import annotations

import keyring.backend
import keyring.errors

__all__ = ["MemoryKeyring"]


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Secrets in a dict: ``kds tail`` and ``kds doctor`` log in with a password every run and
    must not replace the tokens a GUI on the same machine keeps in the OS keyring."""

    priority = 0.1  # never picked by keyring's auto-detection

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._data.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not stored")
