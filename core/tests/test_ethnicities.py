from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.ethnicities import ETHNICITIES, ETHNICITY_NAMES, find_ethnicity
from core.vntext import fold


def test_there_are_54_groups_in_code_order():
    codes = [code for code, _ in ETHNICITIES]
    assert codes == [f"{n:02d}" for n in range(1, 55)]
    assert len({name for _, name in ETHNICITIES}) == 54


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("01", "Kinh"),
        ("02", "Tày"),
        ("03", "Thái"),
        ("04", "Hoa"),
        ("05", "Khmer"),
        ("06", "Mường"),
        ("07", "Nùng"),
        ("08", "Mông"),
        ("09", "Dao"),
        ("10", "Gia Rai"),
        ("11", "Ngái"),
        ("12", "Ê Đê"),
        ("23", "Bru-Vân Kiều"),
        ("47", "Cơ Lao"),
        ("53", "Ơ Đu"),
        ("54", "Rơ Măm"),
    ],
)
def test_codes_follow_the_1979_statistics_list(code, name):
    assert ETHNICITY_NAMES[code] == name


def test_names_are_stored_in_nfc():
    assert all(unicodedata.is_normalized("NFC", name) for _, name in ETHNICITIES)


@pytest.mark.parametrize(("text", "code"), [("01", "01"), ("1", "01"), (" 7 ", "07"), (8, "08"), ("54", "54")])
def test_find_by_code(text, code):
    assert find_ethnicity(text) == code


@pytest.mark.parametrize("text", ["0", "00", "55", "99", "-1", "1.0"])
def test_unknown_code_is_none(text):
    assert find_ethnicity(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kinh", "01"),
        ("kinh", "01"),
        ("KINH", "01"),
        ("  Kinh ", "01"),
        ("Việt", "01"),
        ("Kinh (Việt)", "01"),
        ("Tày", "02"),
        ("tay", "02"),
        ("Thái", "03"),
        ("Hoa (Hán)", "04"),
        ("Khmer", "05"),
        ("Khơ-me", "05"),
        ("khome", "05"),
        ("Mông", "08"),
        ("H'Mông", "08"),
        ("H\u2019Mông", "08"),
        ("Hmong", "08"),
        ("HMÔNG", "08"),
        ("HMông (Mèo)", "08"),
        ("Gia Rai", "10"),
        ("Gia-rai", "10"),
        ("Jrai", "10"),
        ("Ê Đê", "12"),
        ("Ê-đê", "12"),
        ("Ede", "12"),
        ("ê đê", "12"),
        ("Ba-na", "13"),
        ("Xơ-Đăng", "14"),
        ("Sán Chay (Cao Lan-Sán Chỉ)", "15"),
        ("Cơ-ho", "16"),
        ("Bru-Vân Kiều", "23"),
        ("Bru Van Kieu", "23"),
        ("Vân Kiều", "23"),
        ("X'tiêng", "22"),
        ("Gié-Triêng", "27"),
        ("Tà-ôi", "31"),
        ("Co Lao", "47"),
        ("Cờ Lao", "47"),
        ("O Du", "53"),
        ("Rơ-măm", "54"),
        ("ro mam", "54"),
    ],
)
def test_find_by_name_in_any_spelling(text, code):
    assert find_ethnicity(text) == code


@pytest.mark.parametrize(("code", "name"), ETHNICITIES)
def test_every_official_name_finds_its_own_code(code, name):
    assert find_ethnicity(name) == code
    assert find_ethnicity(name.upper()) == code
    assert find_ethnicity(fold(name)) == code
    assert find_ethnicity(unicodedata.normalize("NFD", name)) == code


@pytest.mark.parametrize("text", [None, "", "   ", "Người nước ngoài", "Kinh Việt", "Mường Thái", True])
def test_unknown_text_is_none(text):
    assert find_ethnicity(text) is None


@given(st.text(max_size=30))
def test_find_ethnicity_never_raises(text):
    assert find_ethnicity(text) in {None, *ETHNICITY_NAMES}
