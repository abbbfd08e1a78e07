from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.identifiers import (
    CCCD_PROVINCE_CODES,
    CCCD_PROVINCES,
    ERROR_CODES,
    OLD_MOBILE_PREFIXES,
    InvalidIdentifier,
    citizen_id_birth_year,
    citizen_id_sex,
    mask_citizen_id,
    mask_phone,
    normalize_citizen_id,
    normalize_phone,
)


def _error_code(func, *args, **kwargs) -> str:
    with pytest.raises(InvalidIdentifier) as info:
        func(*args, **kwargs)
    return info.value.code


# --- InvalidIdentifier -------------------------------------------------------------------------


def test_invalid_identifier_is_a_value_error_with_a_code_and_args():
    error = InvalidIdentifier("cccd_length", {"length": 9})
    assert isinstance(error, ValueError)
    assert error.code == "cccd_length"
    assert error.message_args == {"length": 9}
    assert InvalidIdentifier("phone_invalid").message_args == {}


def test_errors_carry_no_personal_data():
    with pytest.raises(InvalidIdentifier) as info:
        normalize_citizen_id("042099012345", birth_year=2001)
    assert "042099012345" not in str(info.value)
    assert "012345" not in repr(info.value.message_args)


# --- Phones: formatting noise ------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "0912-345-678",
        "(091) 234 5678",
        "+84 912 345 678",
        "+84912345678",
        "84912345678",
        "84 912 345 678",
        "0084 912 345 678",
        "+84 (0) 912 345 678",
        "(+84) 0912345678",
        "'0912345678",
        "  0912345678  ",
        "0912\u00a0345\u00a0678",
        "\u200b0912345678",
        "０９１２３４５６７８",
        "＋８４ ９１２ ３４５ ６７８",
        "0912\u2013345\u2013678",
    ],
)
def test_phone_formatting_noise_is_removed(raw):
    assert normalize_phone(raw) == "0912345678"


@pytest.mark.parametrize(
    "raw",
    [
        "912345678",  # Excel dropped the leading 0
        912345678,
        912345678.0,
        "912345678.0",
        "9.12345678E8",
        "9.12345678E+08",
        "9.12345678e8",
    ],
)
def test_phone_from_excel_number_gets_its_zero_back(raw):
    assert normalize_phone(raw) == "0912345678"


def test_excel_lost_zero_on_a_084_number_is_not_read_as_country_code():
    # 9 digits starting with 84: VinaPhone 084, not +84.
    assert normalize_phone("842345678") == "0842345678"
    assert normalize_phone("84842345678") == "0842345678"


@pytest.mark.parametrize("raw", ["9.12346E+08", "9.1234567E8", "4.20123E+11"])
def test_phone_rounded_by_excel_is_rejected_not_guessed(raw):
    assert _error_code(normalize_phone, raw) == "phone_excel_rounded"


@pytest.mark.parametrize("raw", [None, "", "   ", "'", "\u00a0"])
def test_blank_phone_is_empty(raw):
    assert normalize_phone(raw) == ""


@pytest.mark.parametrize(
    "raw",
    ["0983123456", "0868123456", "0703123456", "0888123456", "0563123456", "0593123456", "0323123456"],
)
def test_current_mobile_numbers_are_kept(raw):
    assert normalize_phone(raw) == raw


# --- Phones: the 2018 move from 11 to 10 digits ------------------------------------------------

# Written out here rather than read from the module, so the test checks the table itself.
OLD_TO_NEW = [
    ("0120", "070"),
    ("0121", "079"),
    ("0122", "077"),
    ("0126", "076"),
    ("0128", "078"),
    ("0123", "083"),
    ("0124", "084"),
    ("0125", "085"),
    ("0127", "081"),
    ("0129", "082"),
    ("0162", "032"),
    ("0163", "033"),
    ("0164", "034"),
    ("0165", "035"),
    ("0166", "036"),
    ("0167", "037"),
    ("0168", "038"),
    ("0169", "039"),
    ("0186", "056"),
    ("0188", "058"),
    ("0199", "059"),
]


@pytest.mark.parametrize(("old", "new"), OLD_TO_NEW)
def test_old_eleven_digit_mobile_gets_its_new_prefix(old, new):
    assert normalize_phone(f"{old} 345 6789") == f"{new}3456789"


@pytest.mark.parametrize(("old", "new"), OLD_TO_NEW)
def test_old_mobile_with_country_code_or_lost_zero_is_converted(old, new):
    assert normalize_phone(f"+84 {old[1:]} 345 6789") == f"{new}3456789"
    assert normalize_phone(f"84{old[1:]}3456789") == f"{new}3456789"
    assert normalize_phone(f"{old[1:]}3456789") == f"{new}3456789"
    assert normalize_phone(int(f"{old[1:]}3456789")) == f"{new}3456789"


def test_old_prefix_table_has_exactly_the_published_entries():
    assert {"0" + old: "0" + new for old, new in OLD_MOBILE_PREFIXES.items()} == dict(OLD_TO_NEW)


def test_old_mobile_from_excel_scientific_form_is_converted():
    assert normalize_phone("1.623456789E9") == "0323456789"
    assert normalize_phone(1623456789.0) == "0323456789"


# --- Phones: landlines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("024 3825 3535", "02438253535"),  # Hà Nội
        ("028 3829 5555", "02838295555"),  # TP Hồ Chí Minh
        ("0239 385 6789", "02393856789"),  # Hà Tĩnh since 2017
        ("+84 239 385 6789", "02393856789"),
        ("2393856789", "02393856789"),  # Excel dropped the 0
    ],
)
def test_landline_with_2017_area_code_is_accepted(raw, expected):
    assert normalize_phone(raw) == expected


def test_old_ha_tinh_landline_shape_is_read_as_the_viettel_mobile_it_now_is():
    # 039 + 7 digits was a Hà Tĩnh landline before 2017; since 2018 it is a Viettel number.
    assert normalize_phone("039 385 6789") == "0393856789"


def test_landline_with_pre_2017_area_code_is_rejected():
    assert _error_code(normalize_phone, "04 3825 3535") == "phone_invalid"


# --- Phones: rejections ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "0912",  # too short
        "09123456",
        "091234567890",  # too long
        "0912345678 9",
        "0912abc678",  # letters
        "số 0912345678",
        "không có",
        "+1 650 253 0000",  # not Vietnamese
        "+44 20 7946 0958",
        "1900 1234 56",  # premium-rate service
        "1800 1234",  # toll-free
        "0912345678 / 0987654321",  # two numbers in one cell
        "0912345678;0987654321",
        "++84912345678",
        "0912+345678",
        "00912345678",
        "٠٩١٢٣٤٥٦٧٨",  # Arabic-Indic digits are not what officers mean
        -912345678,
        912345678.5,
        float("nan"),
        float("inf"),
        "912345678.5",
        True,
    ],
)
def test_invalid_phone_is_rejected(raw):
    assert _error_code(normalize_phone, raw) == "phone_invalid"


# --- Phones: properties ------------------------------------------------------------------------

_MOBILE_PREFIXES = ["090", "091", "098", "086", "032", "039", "070", "079", "083", "085", "056", "058", "059"]


@st.composite
def _noisy_phone(draw) -> str:
    prefix = draw(st.sampled_from(_MOBILE_PREFIXES + ["0" + old for old in OLD_MOBILE_PREFIXES]))
    digits = prefix + draw(st.text("0123456789", min_size=7, max_size=7))
    national = digits[1:]
    form = draw(st.sampled_from(["{0}", "+84 {1}", "84{1}", "0084 {1}", "{1}", "'{0}", " {0} "]))
    text = form.format(digits, national)
    separator = draw(st.sampled_from(["", " ", ".", "-"]))
    return separator.join(text[i : i + 3] for i in range(0, len(text), 3)) if separator else text


@given(_noisy_phone())
def test_normalize_phone_is_idempotent_on_its_own_output(raw):
    try:
        phone = normalize_phone(raw)
    except InvalidIdentifier as error:
        assert error.code in ERROR_CODES
        return
    assert normalize_phone(phone) == phone
    assert phone.startswith("0")
    assert phone.isdigit()


@given(st.text(max_size=30))
def test_any_phone_text_gives_a_normalised_number_or_a_coded_error(raw):
    try:
        phone = normalize_phone(raw)
    except InvalidIdentifier as error:
        assert error.code in ERROR_CODES
    else:
        assert normalize_phone(phone) == phone


@given(st.one_of(st.integers(), st.floats()))
def test_any_phone_number_cell_gives_a_normalised_number_or_a_coded_error(raw):
    try:
        normalize_phone(raw)
    except InvalidIdentifier as error:
        assert error.code in ERROR_CODES


def test_mask_phone_keeps_first_and_last_three():
    assert mask_phone("0912345678") == "091****678"
    assert mask_phone("02393856789") == "023*****789"
    assert mask_phone("") == ""
    assert mask_phone("12345") == "*****"


# --- Citizen ID --------------------------------------------------------------------------------

CID = "042099012345"  # Hà Tĩnh, male, 1999


@pytest.mark.parametrize(
    "raw",
    [
        "042099012345",
        "042 099 012 345",
        "042.099.012.345",
        "042-099-012345",
        "'042099012345",
        "  042099012345\u00a0",
        "０４２０９９０１２３４５",
        42099012345,  # Excel number: the leading 0 is gone
        42099012345.0,
        "42099012345.0",
        "4.2099012345E10",
        "4.2099012345E+10",
        "0.42099012345E11",
    ],
)
def test_citizen_id_survives_typing_and_spreadsheet_noise(raw):
    assert normalize_citizen_id(raw) == CID


def test_citizen_id_from_excel_gets_two_lost_zeros_back():
    # Hà Nội (001): Excel drops both zeros.
    assert normalize_citizen_id(1203012345) == "001203012345"
    assert normalize_citizen_id("1.203012345E9") == "001203012345"


def test_typed_eleven_digits_are_a_typo_not_a_lost_zero():
    assert _error_code(normalize_citizen_id, "42099012345") == "cccd_length"


@pytest.mark.parametrize("raw", [None, "", "  ", "'"])
def test_blank_citizen_id_is_empty(raw):
    assert normalize_citizen_id(raw) == ""


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("04209901234", "cccd_length"),  # 11 digits
        ("0420990123", "cccd_length"),
        ("0420990123456", "cccd_length"),  # 13 digits
        ("123456789", "cccd_length"),  # the old 9-digit CMND
        (12345, "cccd_length"),
        ("04209901234A", "cccd_invalid"),
        ("CCCD 042099012345", "cccd_invalid"),
        ("042099012345/042099012346", "cccd_invalid"),
        ("000099012345", "cccd_province"),
        ("099099012345", "cccd_province"),
        ("003099012345", "cccd_province"),
        ("097099012345", "cccd_province"),
        ("4.20123E+11", "cccd_excel_rounded"),
        (42099012345.5, "cccd_invalid"),
        (-42099012345, "cccd_invalid"),
    ],
)
def test_invalid_citizen_id_is_rejected_with_its_code(raw, code):
    assert _error_code(normalize_citizen_id, raw) == code


def test_unknown_province_error_names_the_code():
    with pytest.raises(InvalidIdentifier) as info:
        normalize_citizen_id("099099012345")
    assert info.value.message_args == {"province_code": "099"}


def test_there_are_63_province_codes_all_starting_with_zero():
    assert len(CCCD_PROVINCE_CODES) == 63
    assert all(code.startswith("0") and len(code) == 3 for code in CCCD_PROVINCE_CODES)
    assert min(CCCD_PROVINCE_CODES) == "001"
    assert max(CCCD_PROVINCE_CODES) == "096"


@pytest.mark.parametrize(
    ("code", "name"),
    [("001", "Hà Nội"), ("031", "Hải Phòng"), ("042", "Hà Tĩnh"), ("048", "Đà Nẵng"), ("079", "Hồ Chí Minh")],
)
def test_province_codes_match_the_published_list(code, name):
    assert CCCD_PROVINCES[code] == name


@pytest.mark.parametrize("province", sorted(CCCD_PROVINCE_CODES))
def test_every_province_code_is_accepted(province):
    assert normalize_citizen_id(province + "203012345") == province + "203012345"


@pytest.mark.parametrize(
    ("digit", "year", "sex"),
    [
        ("0", 1999, "male"),
        ("1", 1999, "female"),
        ("2", 2099, "male"),
        ("3", 2099, "female"),
        ("4", 2199, "male"),
        ("5", 2199, "female"),
        ("6", 2299, "male"),
        ("7", 2299, "female"),
        ("8", 2399, "male"),
        ("9", 2399, "female"),
    ],
)
def test_century_and_sex_digit(digit, year, sex):
    cid = f"042{digit}99012345"
    assert citizen_id_birth_year(cid) == year
    assert citizen_id_sex(cid) == sex


def test_birth_year_and_sex_are_read_from_the_id():
    assert citizen_id_birth_year("042203012345") == 2003
    assert citizen_id_sex("042203012345") == "male"
    assert citizen_id_birth_year("001305012345") == 2005
    assert citizen_id_sex("001305012345") == "female"


def test_matching_birth_year_and_sex_pass():
    assert normalize_citizen_id("042 203 012 345", birth_year=2003, sex="male") == "042203012345"
    assert normalize_citizen_id("042199012345", birth_year=1999, sex="female") == "042199012345"


@pytest.mark.parametrize("birth_year", [1903, 2004, 2103])
def test_birth_year_mismatch_is_rejected(birth_year):
    with pytest.raises(InvalidIdentifier) as info:
        normalize_citizen_id("042203012345", birth_year=birth_year)
    assert info.value.code == "cccd_birth_year"
    assert info.value.message_args == {"expected": birth_year, "found": 2003}


def test_sex_mismatch_is_rejected():
    assert _error_code(normalize_citizen_id, "042203012345", sex="female") == "cccd_sex"
    assert _error_code(normalize_citizen_id, "042303012345", sex="male") == "cccd_sex"


def test_unknown_sex_is_skipped_when_not_given():
    assert normalize_citizen_id("042303012345", sex=None) == "042303012345"
    assert normalize_citizen_id("042303012345", sex="") == "042303012345"


def test_unexpected_sex_argument_is_a_programming_error():
    with pytest.raises(ValueError, match="sex must be") as info:
        normalize_citizen_id("042303012345", sex="Nữ")
    assert not isinstance(info.value, InvalidIdentifier)


def test_reading_a_malformed_id_raises_a_coded_error():
    assert _error_code(citizen_id_birth_year, "04220301234") == "cccd_length"
    assert _error_code(citizen_id_sex, "04220301234x") == "cccd_length"


def test_mask_citizen_id_keeps_first_four_and_last_two():
    assert mask_citizen_id("042099012389") == "0420******89"
    assert mask_citizen_id("") == ""
    assert mask_citizen_id("12345") == "*****"


# --- Citizen ID: properties --------------------------------------------------------------------


@st.composite
def _citizen_id(draw) -> str:
    province = draw(st.sampled_from(sorted(CCCD_PROVINCE_CODES)))
    return province + draw(st.text("0123456789", min_size=9, max_size=9))


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@given(
    _citizen_id(),
    st.sampled_from(["", " ", ".", "-", " - ", "\u00a0"]),
    st.sampled_from([1, 2, 3, 4, 6]),
    st.sampled_from(["{}", "'{}", "  {}  ", "{}\u200b"]),
    st.booleans(),
)
def test_valid_citizen_id_survives_formatting_noise(cid, separator, group, frame, full_width):
    text = separator.join(cid[i : i + group] for i in range(0, 12, group))
    text = frame.format(text)
    if full_width:
        text = text.translate(_FULL_WIDTH)
    assert normalize_citizen_id(text) == cid


@given(_citizen_id())
def test_valid_citizen_id_survives_being_an_excel_number(cid):
    assert normalize_citizen_id(int(cid)) == cid
    assert normalize_citizen_id(float(int(cid))) == cid
    assert normalize_citizen_id(f"{int(cid)}.0") == cid


@given(_citizen_id())
def test_citizen_id_agrees_with_its_own_birth_year_and_sex(cid):
    assert normalize_citizen_id(cid, birth_year=citizen_id_birth_year(cid), sex=citizen_id_sex(cid)) == cid


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats()))
def test_every_citizen_id_error_is_coded(raw):
    try:
        cid = normalize_citizen_id(raw)
    except InvalidIdentifier as error:
        assert error.code in ERROR_CODES
    else:
        assert cid == "" or (len(cid) == 12 and cid.isdigit())
