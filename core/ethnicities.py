"""The 54 ethnic groups of Vietnam with the statistics office's codes, and a forgiving lookup.

Codes are those of the "Danh mục các thành phần dân tộc Việt Nam" (Tổng cục Thống kê,
Quyết định 121-TCTK/PPCĐ, 2 March 1979), still used by the population, health-insurance and
education registries. The statistics office's 2008 list (1019/QĐ-TCTK) orders some groups
differently (04 Mường, 06 Hoa, 11 Ê Đê): files exchanged with registries use the 1979 codes.
Names are proper names, the same in every UI language, so there is no gettext here.
"""

from __future__ import annotations

import re

from core.vntext import fold

ETHNICITIES: list[tuple[str, str]] = [
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
    ("13", "Ba Na"),
    ("14", "Xơ Đăng"),
    ("15", "Sán Chay"),
    ("16", "Cơ Ho"),
    ("17", "Chăm"),
    ("18", "Sán Dìu"),
    ("19", "Hrê"),
    ("20", "Mnông"),
    ("21", "Ra Glai"),
    ("22", "Xtiêng"),
    ("23", "Bru-Vân Kiều"),
    ("24", "Thổ"),
    ("25", "Giáy"),
    ("26", "Cơ Tu"),
    ("27", "Giẻ Triêng"),
    ("28", "Mạ"),
    ("29", "Khơ Mú"),
    ("30", "Co"),
    ("31", "Tà Ôi"),
    ("32", "Chơ Ro"),
    ("33", "Kháng"),
    ("34", "Xinh Mun"),
    ("35", "Hà Nhì"),
    ("36", "Chu Ru"),
    ("37", "Lào"),
    ("38", "La Chí"),
    ("39", "La Ha"),
    ("40", "Phù Lá"),
    ("41", "La Hủ"),
    ("42", "Lự"),
    ("43", "Lô Lô"),
    ("44", "Chứt"),
    ("45", "Mảng"),
    ("46", "Pà Thẻn"),
    ("47", "Cơ Lao"),
    ("48", "Cống"),
    ("49", "Bố Y"),
    ("50", "Si La"),
    ("51", "Pu Péo"),
    ("52", "Brâu"),
    ("53", "Ơ Đu"),
    ("54", "Rơ Măm"),
]
ETHNICITY_NAMES: dict[str, str] = dict(ETHNICITIES)

# Other spellings met in registers and older lists (hyphenated forms, apostrophes and missing
# diacritics are already handled by the key), including the names in the 1979 and 2008 lists.
_ALIASES: dict[str, tuple[str, ...]] = {
    "01": ("Việt",),
    "04": ("Hán",),
    "05": ("Khơ Me", "Khơ-me Krôm"),
    "08": ("H'Mông", "Hmông"),
    "10": ("Jrai", "Giơ Rai"),
    "12": ("Ra Đê", "Rhade"),
    "13": ("Bahnar",),
    "14": ("Sedang",),
    "15": ("Cao Lan", "Cao Lan-Sán Chỉ"),
    "16": ("Cờ Ho", "Koho"),
    "17": ("Chàm",),
    "19": ("H'rê",),
    "20": ("M'nông",),
    "22": ("Stiêng", "X'tiêng"),
    "23": ("Bru", "Vân Kiều"),
    "26": ("Cờ Tu", "Katu"),
    "27": ("Gié Triêng",),
    "29": ("Khmu",),
    "31": ("Ta Ôi",),
    "47": ("Cờ Lao",),
    "51": ("Pu Piéo",),
    "53": ("Ô Đu",),
}

_NOT_LETTERS = re.compile(r"[^0-9a-z]+")


def _key(text: str) -> str:
    # "H'Mông", "Hmong" and "HMÔNG" meet at "hmong"; "Bru-Vân Kiều" and "bru van kieu" too.
    return _NOT_LETTERS.sub("", fold(text))


_BY_KEY: dict[str, str] = {}
for _code, _name in ETHNICITIES:
    for _spelling in (_name, *_ALIASES.get(_code, ())):
        _BY_KEY[_key(_spelling)] = _code


def find_ethnicity(text: str | int | None) -> str | None:
    """The two-digit code for a code ("1", "01") or a name in any spelling; None if unknown.

    "Kinh (Việt)" and "HMông (Mèo)", as written in the 1979 list, are found by the part
    before the parentheses.
    """
    if text is None or isinstance(text, bool):
        return None
    value = str(text).strip()
    if value.isascii() and value.isdigit():
        code = value.lstrip("0").zfill(2)
        return code if code in ETHNICITY_NAMES else None
    if found := _BY_KEY.get(_key(value)):
        return found
    head = value.partition("(")[0]
    if head != value and (head_key := _key(head)):
        return _BY_KEY.get(head_key)
    return None
