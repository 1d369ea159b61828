from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from kds.core.ids import canonical_id


@given(st.uuids())
def test_any_spelling_of_a_guid_is_one_id(value: uuid.UUID) -> None:
    spellings = [str(value), str(value).upper(), f"{{{value}}}", f"  {value}\n", value.hex]
    assert {canonical_id(s) for s in spellings} == {str(value)}


def test_text_that_is_no_guid_is_kept_as_typed() -> None:
    assert canonical_id("  Pho Hanoi ") == "Pho Hanoi"
    assert canonical_id("") == ""
