"""DTO decoders (kds.core.decode, kds.net.decode): any JSON value, wrong-typed fields, bad bytes.

Only ``ProtocolError`` may come out; anything else is a crash in the client's REST or hub path.
"""

from __future__ import annotations

import json
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz import inputs, targets

NAMES = sorted(targets.DECODERS)
SAMPLES = inputs.samples()

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(inputs.WRONG_VALUES[:30]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=20,
)


def test_every_sample_decodes() -> None:
    """The valid samples really are valid (otherwise the variants below prove little)."""
    for name in NAMES:
        targets.DECODERS[name](SAMPLES[name])


@settings(max_examples=2000)
@given(name=st.sampled_from(NAMES), rng=st.randoms(use_true_random=False))
def test_structurally_valid_but_wrong(name: str, rng: random.Random) -> None:
    targets.dto(name, inputs.wrong_variant(rng, SAMPLES[name]))


@settings(max_examples=1000)
@given(name=st.sampled_from(NAMES), value=json_values)
def test_any_json_value(name: str, value: object) -> None:
    targets.dto(name, value)


@settings(max_examples=500)
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=300))
def test_any_body_bytes(name: str, data: bytes) -> None:
    targets.dto_bytes(name, data)


@settings(max_examples=500)
@given(name=st.sampled_from(NAMES), rng=st.randoms(use_true_random=False))
def test_mutated_valid_bodies(name: str, rng: random.Random) -> None:
    targets.dto_bytes(name, inputs.mutate(rng, json.dumps(SAMPLES[name]).encode()))


def test_regression_infinite_expires_in_is_a_protocol_error() -> None:
    """Found by this suite: ``"expiresIn": Infinity`` raised OverflowError out of login."""
    for bad in (float("inf"), float("nan")):
        body = {**SAMPLES["decode_token_response"], "expiresIn": bad}
        targets.dto("decode_token_response", body)
