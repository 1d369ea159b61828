"""Password hashing with hashlib.scrypt (~35 ms a hash here), constant-time verification."""

from __future__ import annotations

import functools
import hashlib
import hmac
import os

# n=2^14, r=8, p=1: ~35 ms on the 2-core CI machine (16 MiB of memory per hash). Strong enough
# for a reference server, cheap enough that login-heavy tests stay fast.
_N, _R, _P = 2**14, 8, 1
_MAXMEM = 64 * 1024 * 1024


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32)


def hash_password(password: str) -> str:
    """`scrypt$n$r$p$salt$hash` (hex), self-describing so parameters can change later."""
    salt = os.urandom(16)
    digest = _derive(password, salt, _N, _R, _P)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


@functools.lru_cache(maxsize=8)
def hash_password_shared(password: str) -> str:
    """One hash per distinct password per process: seeding shares it between demo accounts
    (same password, same salt), so starting a seeded server costs two hashes, not seven."""
    return hash_password(password)


@functools.cache
def dummy_hash() -> str:
    """A hash of a random password nobody knows, made once per process (at server start).

    Sign-in verifies an unknown user's password against it, so a name that does not exist
    costs the same scrypt work as a wrong password and the answer's timing does not tell
    which names exist (ASP.NET Identity leaks exactly that; this is hardening beyond it).
    """
    return hash_password(os.urandom(16).hex())


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = _derive(password, bytes.fromhex(salt_hex), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(digest, bytes.fromhex(digest_hex))
