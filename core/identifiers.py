"""Vietnamese phone numbers and citizen ID numbers (CCCD): normalise, check, mask.

Framework-free on purpose: forms, the Excel importer, the API and the seed data all call these.
Errors carry a machine-readable ``code`` only; the caller picks the translated message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

import phonenumbers
from phonenumbers import PhoneNumberType

# Every code an InvalidIdentifier can carry, so callers can keep one complete message table.
ERROR_CODES = frozenset(
    {
        "phone_invalid",
        "phone_excel_rounded",
        "cccd_invalid",
        "cccd_excel_rounded",
        "cccd_length",
        "cccd_province",
        "cccd_birth_year",
        "cccd_sex",
    }
)


class InvalidIdentifier(ValueError):
    """A value that is not a valid identifier; ``code`` is one of ERROR_CODES."""

    def __init__(self, code: str, message_args: Mapping[str, object] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.message_args: dict[str, object] = dict(message_args or {})


RawValue = str | int | float | None

# Zero-width characters that come along when numbers are copied from web pages and chat apps.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
# Separators people type or paste; NFKC has already turned NBSP and full-width forms into ASCII.
_SEPARATORS = re.compile(r"[\s.\-()\u2010-\u2015\u2212]")
# Excel shows a long number as "9.12346E+08" once the column is too narrow; we accept the
# scientific form only when every digit is written out, never one that Excel rounded.
_SCIENTIFIC = re.compile(r"([0-9])(?:\.([0-9]+))?[eE]\+?([0-9]{1,2})")
_INTEGRAL_FLOAT = re.compile(r"([0-9]+)\.0+")
_DIGITS = re.compile(r"[0-9]+")


def _text(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).translate(_INVISIBLE).strip()
    # A leading apostrophe is how spreadsheet users force a cell to text.
    return text.lstrip("'\u2018\u2019`").strip()


def _number_digits(raw: int | float, rounded_code: str, invalid_code: str) -> str:
    if isinstance(raw, bool) or raw < 0:
        raise InvalidIdentifier(invalid_code)
    if isinstance(raw, float):
        # Doubles hold every integer up to 2**53 exactly, far beyond 12 digits.
        if not raw.is_integer():
            raise InvalidIdentifier(invalid_code)
        if raw >= 2**53:
            raise InvalidIdentifier(rounded_code)
        raw = int(raw)
    return str(raw)


def _split_number(raw: RawValue, *, rounded_code: str, invalid_code: str) -> tuple[str, bool]:
    """(compact text without separators, whether it came from a spreadsheet number)."""
    if raw is None:
        return "", False
    if isinstance(raw, int | float):
        return _number_digits(raw, rounded_code, invalid_code), True
    compact = "".join(_text(raw).split())
    if match := _SCIENTIFIC.fullmatch(compact):
        lead, fraction, exponent = match.group(1), match.group(2) or "", int(match.group(3))
        if len(fraction) < exponent:
            raise InvalidIdentifier(rounded_code)
        if len(fraction) > exponent:
            raise InvalidIdentifier(invalid_code)
        return lead + fraction, True
    if match := _INTEGRAL_FLOAT.fullmatch(compact):
        return match.group(1), True
    return _SEPARATORS.sub("", compact), False


# --- Phones ------------------------------------------------------------------------------------

# Mobile prefixes moved from 11 to 10 digits between 15 Sept 2018 and 30 June 2019
# (Bộ TT&TT); keyed without the trunk 0. The last seven digits never changed.
OLD_MOBILE_PREFIXES: dict[str, str] = {
    # MobiFone
    "120": "70",
    "121": "79",
    "122": "77",
    "126": "76",
    "128": "78",
    # VinaPhone
    "123": "83",
    "124": "84",
    "125": "85",
    "127": "81",
    "129": "82",
    # Viettel
    "162": "32",
    "163": "33",
    "164": "34",
    "165": "35",
    "166": "36",
    "167": "37",
    "168": "38",
    "169": "39",
    # Vietnamobile
    "186": "56",
    "188": "58",
    # Gmobile
    "199": "59",
}

# A member's own phone: not toll-free, premium-rate or VoIP service numbers.
_PERSONAL_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE})


def _national_number(digits: str) -> str:
    """The national significant number: no +84/84/0084 and no trunk 0."""
    if digits.startswith("+"):
        if not digits.startswith("+84"):
            raise InvalidIdentifier("phone_invalid")
        digits = digits[3:]
    elif digits.startswith("0084"):
        digits = digits[4:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        # 84 + a 9-digit mobile or a 10-digit landline/old mobile. A bare 9-digit "84…" is a
        # 084 VinaPhone number that lost its 0 in Excel, so length decides.
        digits = digits[2:]
    # The trunk 0, also written after the country code as "+84 (0) 912…". A second 0 would
    # make "00…" the international prefix ("0091…" is India): too ambiguous to guess.
    national = digits.removeprefix("0")
    if national.startswith("0"):
        raise InvalidIdentifier("phone_invalid")
    return national


# Two-digit prefixes under which phonenumbers' metadata takes every 9-digit national number
# for a mobile: 03x, 051, 056, 058, 059, 070, 076-079, 081-088, 090-098. Prefixes it takes only
# in part (052, 055, 089, 099…) go the full way. core/tests/test_identifiers_plain_mobile.py checks
# every prefix against the full path, so an upgrade of phonenumbers that narrows one fails there.
PLAIN_MOBILE_PREFIXES = frozenset(
    str(n) for n in (*range(30, 40), 51, 56, 58, 59, 70, *range(76, 80), *range(81, 89), *range(90, 99))
)
_PLAIN_MOBILE_NUMBERS = range(100_000_000, 1_000_000_000)  # a mobile cell Excel read as a number


def _plain_mobile(raw: RawValue) -> str:
    """The number if `raw` is already a plain mobile ("0912345678", or 912345678 from an Excel
    number cell), else "": most cells of an import, checked without phonenumbers' full parse."""
    if type(raw) is str:
        if len(raw) == 10 and raw[0] == "0" and raw.isascii() and raw.isdigit() and raw[1:3] in PLAIN_MOBILE_PREFIXES:
            return raw
    elif type(raw) is int and raw in _PLAIN_MOBILE_NUMBERS:
        text = str(raw)
        if text[:2] in PLAIN_MOBILE_PREFIXES:
            return "0" + text
    return ""


def normalize_phone(raw: RawValue) -> str:
    """Normalise to "0912345678" whatever an officer typed or pasted; "" for blank.

    Old 11-digit mobile numbers are moved to their 10-digit prefix first. Landlines must use
    the area codes of 2017 (0239… for Hà Tĩnh): an old "039 xxx xxxx" landline is now a Viettel
    mobile number of the same shape, so it is never converted and is read as the mobile.
    """
    return _plain_mobile(raw) or _normalize_phone(raw)


def _normalize_phone(raw: RawValue) -> str:
    compact, _ = _split_number(raw, rounded_code="phone_excel_rounded", invalid_code="phone_invalid")
    if not compact:
        return ""
    if not re.fullmatch(r"\+?[0-9]+", compact):
        raise InvalidIdentifier("phone_invalid")
    national = _national_number(compact)
    if len(national) == 10 and national[:3] in OLD_MOBILE_PREFIXES:
        national = OLD_MOBILE_PREFIXES[national[:3]] + national[3:]
    if not national.isdigit() or not 8 <= len(national) <= 10:
        raise InvalidIdentifier("phone_invalid")
    try:
        number = phonenumbers.parse("+84" + national)
    except phonenumbers.NumberParseException as exc:
        raise InvalidIdentifier("phone_invalid") from exc
    if not phonenumbers.is_valid_number_for_region(number, "VN"):
        raise InvalidIdentifier("phone_invalid")
    if phonenumbers.number_type(number) not in _PERSONAL_TYPES:
        raise InvalidIdentifier("phone_invalid")
    return "0" + phonenumbers.national_significant_number(number)


def mask_phone(phone: str) -> str:
    """Mask as "091****678": enough to recognise a number on screen without disclosing it."""
    if len(phone) <= 6:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 6) + phone[-3:]


# --- Citizen ID (CCCD, số định danh cá nhân) ---------------------------------------------------

# Digits 1-3: the province where the birth was registered, Thông tư 07/2016/TT-BCA Phụ lục I
# (kept by 59/2021/TT-BCA). The 2025 mergers into 34 provinces did not renumber anyone and new
# numbers still use these codes, so all 63 stay valid.
CCCD_PROVINCES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}
CCCD_PROVINCE_CODES = frozenset(CCCD_PROVINCES)

# Digit 4 = century and sex (Thông tư 07/2016/TT-BCA, Điều 7): even male, odd female;
# 0/1 1900s, 2/3 2000s, 4/5 2100s, 6/7 2200s, 8/9 2300s.
_CENTURY_BY_DIGIT = {digit: 1900 + 100 * (digit // 2) for digit in range(10)}
_SEXES = ("male", "female")


def normalize_citizen_id(raw: RawValue, *, birth_year: int | None = None, sex: str | None = None) -> str:
    """The 12 digits of a CCCD; "" for blank.

    Leading zeros are restored only for values that came from a spreadsheet number (an int or
    float cell, "42012345678.0", "4.20123456789E11"): every province code starts with 0, so
    Excel drops one or two of them. A typed 11-digit string is a typo, not a lost zero.
    When ``birth_year`` or ``sex`` ("male"/"female") is known, the ID must agree with it.
    """
    if sex not in (None, "", *_SEXES):
        raise ValueError(f"sex must be 'male' or 'female', not {sex!r}")
    compact, from_number = _split_number(raw, rounded_code="cccd_excel_rounded", invalid_code="cccd_invalid")
    if not compact:
        return ""
    if not _DIGITS.fullmatch(compact):
        raise InvalidIdentifier("cccd_invalid")
    if from_number and len(compact) in (10, 11):
        compact = compact.zfill(12)
    if len(compact) != 12:
        raise InvalidIdentifier("cccd_length", {"length": len(compact)})
    if compact[:3] not in CCCD_PROVINCE_CODES:
        raise InvalidIdentifier("cccd_province", {"province_code": compact[:3]})
    if birth_year is not None and citizen_id_birth_year(compact) != birth_year:
        raise InvalidIdentifier("cccd_birth_year", {"expected": birth_year, "found": citizen_id_birth_year(compact)})
    if sex and citizen_id_sex(compact) != sex:
        raise InvalidIdentifier("cccd_sex", {"expected": sex, "found": citizen_id_sex(compact)})
    return compact


def _check_shape(cid: str) -> None:
    if not (len(cid) == 12 and _DIGITS.fullmatch(cid)):
        raise InvalidIdentifier("cccd_length", {"length": len(cid)})


def citizen_id_birth_year(cid: str) -> int:
    """The birth year written in a normalised CCCD (digit 4 = century, digits 5-6 = year)."""
    _check_shape(cid)
    return _CENTURY_BY_DIGIT[int(cid[3])] + int(cid[4:6])


def citizen_id_sex(cid: str) -> str:
    """Return "male" or "female", from digit 4 of a normalised CCCD."""
    _check_shape(cid)
    return _SEXES[int(cid[3]) % 2]


def mask_citizen_id(cid: str) -> str:
    """Mask as "0420******89": province and century stay readable, the person does not."""
    if len(cid) <= 6:
        return "*" * len(cid)
    return cid[:4] + "*" * (len(cid) - 6) + cid[-2:]
