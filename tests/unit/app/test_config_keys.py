"""`KEYS`: the key table declares every setting once, and each key's flag, variable and default
follow from its line."""

from __future__ import annotations

from kds.app.config_keys import KEYS


def test_every_key_has_a_variable_a_flag_and_a_valid_default() -> None:
    """The key table is the whole declaration: what each key gets from it holds for all."""
    flags = [flag for key in KEYS for flag in key.cli_flags]
    assert len(flags) == len(set(flags))
    for key in KEYS:
        assert key.env == "KDS_" + key.name.upper()
        assert key.default is None or key.parse(key.default) == key.default
        assert key.help
    assert [k.name for k in KEYS if k.on_screen] == [
        "server_url", "user", "language", "theme", "font_scale", "density", "auto_accept",
        "station",
    ]  # fmt: skip
