"""The fast path of `normalize_phone` for plain mobiles gives what phonenumbers' full path gives.

The metadata's mobile patterns tell numbers apart by their first four national digits at most
(`121[0-3]…`, `5(?:…|2[238]|59)…`, `8(?:…|9[6-9])…`); every prefix of the fast path is checked
with all its four-digit heads, each with several tails, as a 10-digit text and as the number
an Excel cell holds once it has dropped the 0.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.identifiers import (
    PLAIN_MOBILE_PREFIXES,
    InvalidIdentifier,
    _normalize_phone,
    _plain_mobile,
    normalize_phone,
)

TAILS = ("00000", "99999", "50505", *(f"{random.Random(n).randrange(100_000):05d}" for n in range(3)))


def _outcome(function, raw) -> str:
    try:
        return function(raw)
    except InvalidIdentifier as error:
        return f"error:{error.code}"


@pytest.mark.parametrize("prefix", sorted(PLAIN_MOBILE_PREFIXES))
def test_every_number_of_a_fast_prefix_is_the_mobile_the_full_path_reads(prefix):
    for head in range(100):
        for tail in TAILS:
            national = f"{prefix}{head:02d}{tail}"
            assert _plain_mobile("0" + national) == "0" + national
            assert _plain_mobile(int(national)) == "0" + national
            assert _normalize_phone("0" + national) == "0" + national
            assert _normalize_phone(int(national)) == "0" + national


@pytest.mark.parametrize("prefix", [f"{n:02d}" for n in range(100) if f"{n:02d}" not in PLAIN_MOBILE_PREFIXES])
def test_other_prefixes_take_the_full_path(prefix):
    national = f"{prefix}1234567"
    assert _plain_mobile("0" + national) == ""
    if prefix[0] != "0":
        assert _plain_mobile(int(national)) == ""


def test_partly_mobile_prefixes_are_left_to_the_full_path():
    # 052 and 089 hold both valid and invalid numbers: only the full path tells them apart.
    assert normalize_phone("0522123456") == "0522123456"
    assert _outcome(normalize_phone, "0521123456") == "error:phone_invalid"
    assert normalize_phone("0896123456") == "0896123456"
    assert _outcome(normalize_phone, "0891123456") == "error:phone_invalid"


@pytest.mark.parametrize(
    "raw",
    [
        "0912 345 678",
        "０９１２３４５６７８",
        "'0912345678",
        " 0912345678",
        "٠٩١٢٣٤٥٦٧٨",
        True,
        912345678.0,
        "84912345678",
    ],
)
def test_anything_but_ten_ascii_digits_or_a_nine_digit_number_takes_the_full_path(raw):
    assert _plain_mobile(raw) == ""
    assert _outcome(normalize_phone, raw) == _outcome(_normalize_phone, raw)


@given(st.text(alphabet="0123456789", min_size=9, max_size=11))
def test_any_digit_string_reads_the_same_on_both_paths(raw):
    assert _outcome(normalize_phone, raw) == _outcome(_normalize_phone, raw)


@given(st.one_of(st.integers(min_value=-(10**11), max_value=10**11), st.text(max_size=14)))
def test_any_cell_reads_the_same_on_both_paths(raw):
    assert _outcome(normalize_phone, raw) == _outcome(_normalize_phone, raw)
