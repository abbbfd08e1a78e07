"""Find the table in each sheet of a commune's workbook: its header row and its columns (the
rows under it are `youth.importing_rows`').

Commune lists follow Biểu mẫu 02 loosely: a header block and a title above the table, headers
spelt many ways (with line breaks, without diacritics, "SĐT" or "Số điện thoại"), sometimes on
two rows ("Năm sinh" over "Nam" | "Nữ", "Họ và tên" over "Họ" | "Tên"), a numbering row under
the header, blank and section rows inside, and a signature block below. Headers are matched on
`core.vntext.fold`, so case, diacritics, đ/d, punctuation and line breaks do not matter. The
workbook around the sheets, and the table a sheet becomes, are every import's
(`reports.importing.sheets`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.vntext import fold, nfc
from reports.importing.sheets import (
    Column,
    SheetRow,
    SheetTable,
    header_key,
    is_blank,
)
from youth.choices import HouseholdKind, TargetGroup
from youth.importing_values import group_column, group_initials, group_named_exactly

HEADER_SCAN_ROWS = 30
MAX_COLUMNS = 60

NUMBER = "number"
FULL_NAME = "full_name"
FAMILY_NAME = "family_name"
GIVEN_NAME = "given_name"
BIRTH = "birth"
BIRTH_MALE = "birth_male"
BIRTH_FEMALE = "birth_female"
SEX = "sex"
SEX_MALE = "sex_male"
SEX_FEMALE = "sex_female"
ETHNICITY = "ethnicity"
CITIZEN_ID = "citizen_id"
PHONE = "phone"
VILLAGE = "village"
ADDRESS = "address_detail"
GROUPS = "groups"
NEEDS = "needs"
CIRCUMSTANCES = "circumstances"
NOTES = "notes"

# A column per target group, its cells marked "x": the field is this prefix and the group code,
# then ":" and the household kind for a poor or near-poor household's column, then "@" and the
# column's number for a second column of the same group (every mark column is read).
GROUP_MARK = "group:"


# A column under "Nhóm đối tượng" whose header names no known group; then its column number.
OTHER_GROUP_MARK = "other_group@"


def mark_group(name: str) -> tuple[str, str]:
    """(group, household kind or "") of a mark column's field."""
    code, _sep, kind = name.removeprefix(GROUP_MARK).partition("@")[0].partition(":")
    return code, kind


NAME_FIELDS = frozenset({"full_name", "family_name", "given_name"})

FIELD_LABELS = {
    NUMBER: gettext_lazy("Row number"),
    FULL_NAME: gettext_lazy("Full name"),
    FAMILY_NAME: gettext_lazy("Family and middle name"),
    GIVEN_NAME: gettext_lazy("Given name"),
    BIRTH: gettext_lazy("Date or year of birth"),
    BIRTH_MALE: gettext_lazy("Year of birth (male)"),
    BIRTH_FEMALE: gettext_lazy("Year of birth (female)"),
    SEX: gettext_lazy("Sex"),
    SEX_MALE: gettext_lazy("Sex: male"),
    SEX_FEMALE: gettext_lazy("Sex: female"),
    ETHNICITY: gettext_lazy("Ethnicity"),
    CITIZEN_ID: gettext_lazy("Citizen ID (CCCD)"),
    PHONE: gettext_lazy("Phone"),
    VILLAGE: gettext_lazy("Village / hamlet"),
    ADDRESS: gettext_lazy("Address"),
    GROUPS: gettext_lazy("Target groups"),
    NEEDS: gettext_lazy("Needs"),
    CIRCUMSTANCES: gettext_lazy("Current circumstances"),
    NOTES: gettext_lazy("Notes"),
}

# Header spellings, folded (no diacritics, lower case, punctuation as spaces), "|" between them.
_SPELLINGS = {
    NUMBER: "tt | stt | so tt | so thu tu",
    FULL_NAME: "ho va ten | ho ten | ten | ho va ten thanh thieu nien | ho va ten doi tuong | ho ten doi tuong",
    FAMILY_NAME: "ho | ho dem | ho va ten dem | ho va dem | ho va chu dem | ho lot | ho va ten lot",
    BIRTH: "nam sinh | ngay sinh | ngay thang nam sinh | sinh ngay | sinh nam | ns | ngay sinh nam sinh"
    " | nam sinh ngay sinh | ngay thang nam sinh nam sinh",
    BIRTH_MALE: "nam sinh nam | ngay sinh nam",
    BIRTH_FEMALE: "nam sinh nu | ngay sinh nu",
    SEX: "gioi tinh | gioi | nam nu | nam hoac nu | phai",
    ETHNICITY: "dan toc",
    CITIZEN_ID: "cccd | so cccd | can cuoc | can cuoc cong dan | so can cuoc | so can cuoc cong dan | cmnd | so cmnd"
    " | cmnd cccd | cccd cmnd | so cmnd cccd | so cccd cmnd | so dinh danh | so dinh danh ca nhan | ma dinh danh",
    PHONE: "sdt | so dien thoai | sdt lien he | dien thoai | dien thoai lien he | so dt | dt | dt lien he"
    " | so dien thoai lien he | so dt lien he",
    VILLAGE: "thon | xom | thon xom | to dan pho | tdp | thon tdp | thon to dan pho | thon xom to dan pho | khoi"
    " | khoi pho | thon ban | thon to",
    ADDRESS: "dia chi | noi o | noi o hien nay | cho o hien nay | noi cu tru | dia chi thuong tru | dia chi lien he"
    " | que quan | ho khau thuong tru | dia chi cu tru | noi thuong tru",
    GROUPS: "nhom | doi tuong | thuoc nhom | nhom doi tuong | thuoc doi tuong | dien | thuoc dien | nhom yeu the"
    " | doi tuong yeu the | phan loai | loai doi tuong | phan loai doi tuong | nhom thanh thieu nien yeu the",
    NEEDS: "nhu cau | nhu cau ho tro | nhu cau can ho tro | nguyen vong | de xuat ho tro",
    CIRCUMSTANCES: "hoan canh | hoan canh cu the | hoan canh cu the hien nay | hoan canh hien nay | hoan canh gia dinh",
    NOTES: "ghi chu",
}
HEADERS: dict[str, tuple[str, ...]] = {
    name: tuple(part.strip() for part in spellings.split("|")) for name, spellings in _SPELLINGS.items()
}
# Headers that may go on with more words: "Địa chỉ thường trú", "Ghi chú khác", "Họ và tên
# thanh niên". Short or ambiguous words ("tên", "nhóm", "thôn") must match whole.
PREFIXES: dict[str, str] = {
    "ho va ten": FULL_NAME,
    "ho ten": FULL_NAME,
    "dia chi": ADDRESS,
    "noi o": ADDRESS,
    "hoan canh": CIRCUMSTANCES,
    "ghi chu": NOTES,
    "nhu cau": NEEDS,
    "so dien thoai": PHONE,
    "dien thoai": PHONE,
    "sdt": PHONE,
    "ngay thang nam sinh": BIRTH,
    "nam sinh": BIRTH,
    "ngay sinh": BIRTH,
    "gioi tinh": SEX,
    "nhom doi tuong": GROUPS,
    "thuoc nhom": GROUPS,
    "thuoc dien": GROUPS,
    "so cccd": CITIZEN_ID,
    "can cuoc": CITIZEN_ID,
    "cccd": CITIZEN_ID,
    "so cmnd": CITIZEN_ID,
}
# "Họ tên chủ hộ", "Họ và tên bố/mẹ", "… người giám hộ": a name, but not the young person's.
_SOMEONE_ELSE = re.compile(
    r"\b(?:chu ho|bo|me|cha|bo me|cha me|giam ho|nguoi giam ho|dai dien|nguoi dai dien|phu huynh|vo|chong)\b"
)
_EXACT = {spelling: name for name, spellings in HEADERS.items() for spelling in spellings}
_PREFIXES_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda item: -len(item[0]))

# Second-row headers under a merged first-row header.
SUB_MALE = {"nam", "male"}
SUB_FEMALE = {"nu", "female"}
SUB_FAMILY = set(HEADERS[FAMILY_NAME])
SUB_GIVEN = {"ten"}
_SUB_WORDS = SUB_MALE | SUB_FEMALE | SUB_FAMILY | SUB_GIVEN

_NUMBERING = re.compile(r"\(?\s*[0-9]{1,3}\s*\)?|[A-Z]")


@dataclass
class TableRow(SheetRow):
    """A row under a second header row of the sheet: its own columns, for its problems' letters."""

    columns: dict[str, Column] = field(default_factory=dict)


def classify_header(text: Any) -> tuple[str, bool] | None:
    """(field, exact) for a header cell, or None."""
    if not isinstance(text, str):
        return None
    key = header_key(text)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key], True
    for prefix, name in _PREFIXES_LONGEST_FIRST:
        if key.startswith(prefix + " "):
            if name == FULL_NAME and _SOMEONE_ELSE.search(key):
                return None
            return name, False
    if found := group_column(text):
        code, kind = found
        return GROUP_MARK + code + (f":{kind}" if kind else ""), True
    return None


def field_label(name: str) -> str:
    if name.startswith(GROUP_MARK):
        code, kind = mark_group(name)
        group = str(TargetGroup(code).label) + (f" ({HouseholdKind(kind).label})" if kind else "")
        return _("Target group: %(group)s") % {"group": group}
    if name.startswith(OTHER_GROUP_MARK):
        return _("Not a known target group: not imported")
    return str(FIELD_LABELS[name])


def header_text(value: Any) -> str:
    return nfc(value) if isinstance(value, str) else ""


def header_layout(head: Sequence[Sequence[Any]]) -> tuple[int, list[Column], int] | None:
    """(header row number, its columns, number of the first row under the header), or None.

    The header row is the first with a name header and at least one other known header.
    """
    for index, values in enumerate(head):
        found = {match[0] for value in values if (match := classify_header(value))}
        if found & {FULL_NAME, FAMILY_NAME} and len(found) >= 2:
            return _columns(head, index)
    return None


def _columns(head: Sequence[Sequence[Any]], index: int) -> tuple[int, list[Column], int]:
    values = list(head[index])
    above = list(head[index - 1]) if index > 0 else []
    below = list(head[index + 1]) if index + 1 < len(head) else []
    sub = below if _is_sub_header(values, below) else []
    columns: list[Column] = []
    parent: tuple[str, str, bool] | None = None  # (header, field, exact) of a merged cell to the left
    for position in range(max(len(values), len(sub))):
        value = values[position] if position < len(values) else None
        header, match = header_text(value), classify_header(value)
        if is_blank(value) and position < len(above) and (up := classify_header(above[position])):
            header, match = header_text(above[position]), up
        if header:
            parent = (header, match[0], match[1]) if match else (header, "", False)
        below_text = header_text(sub[position]) if position < len(sub) else ""
        if below_text and parent:
            column = _sub_column(position + 1, parent, below_text)
            if column:
                columns.append(column)
            continue
        if match:
            columns.append(Column(position + 1, header, match[0], match[1]))
        elif (key := header_key(header)) in SUB_MALE | SUB_FEMALE:
            # "Nam" | "Nữ" with nothing above: marks of the sex, or years of birth by sex, as
            # the cells will say (`youth.importing_rows`); marks until then.
            columns.append(Column(position + 1, header, SEX_MALE if key in SUB_MALE else SEX_FEMALE, True))
    return index + 1, _resolve(columns), index + (3 if sub else 2)


def _is_sub_header(header: Sequence[Any], below: Sequence[Any]) -> bool:
    """A second header row: only texts, each a sub-header word ("Nam", "Nữ", "Họ", "Tên"), a
    known header or a target group's name; or, with nothing under the name header, mostly so
    (a group the guideline does not name among the group names: "Mồ côi")."""
    texts = [(i, header_key(v)) for i, v in enumerate(below) if isinstance(v, str) and v.strip()]
    if not texts or any(not isinstance(v, str) for v in below if not is_blank(v)):
        return False
    under_groups = any((match := classify_header(v)) and match[0] == GROUPS for v in header)
    known = sum(
        key in _SUB_WORDS
        or key in _EXACT
        or bool(group_named_exactly(below[i]))
        or (under_groups and bool(group_initials(below[i])))
        for i, key in texts
    )
    if known == len(texts):
        return True
    names = [i for i, v in enumerate(header) if (match := classify_header(v)) and match[0] in NAME_FIELDS]
    return known * 2 > len(texts) and bool(names) and all(is_blank(_cell(below, i)) for i in names)


def _sub_column(index: int, parent: tuple[str, str, bool], text: str) -> Column | None:
    parent_header, parent_field, _exact = parent
    key = header_key(text)
    header = f"{parent_header} / {text}" if parent_header else text
    pairs = {
        (BIRTH, True): BIRTH_MALE,
        (BIRTH, False): BIRTH_FEMALE,
        (SEX, True): SEX_MALE,
        (SEX, False): SEX_FEMALE,
    }
    if parent_field in (BIRTH, SEX) and key in SUB_MALE | SUB_FEMALE:
        return Column(index, header, pairs[(parent_field, key in SUB_MALE)])
    if parent_field in (FULL_NAME, FAMILY_NAME) and key in SUB_FAMILY:
        return Column(index, header, FAMILY_NAME)
    if parent_field in (FULL_NAME, FAMILY_NAME) and key in SUB_GIVEN:
        return Column(index, header, GIVEN_NAME)
    if match := classify_header(text):
        return Column(index, header, match[0], match[1])
    if parent_field == GROUPS and (initials := group_initials(text)):
        code, kind = initials
        return Column(index, header, GROUP_MARK + code + (f":{kind}" if kind else ""), True)
    if parent_field == GROUPS:
        # Under "Nhóm đối tượng", a group the registry does not know: its marks are not
        # imported, but a row marked there must say so rather than take the default group.
        return Column(index, header, f"{OTHER_GROUP_MARK}{index}", False)
    return Column(index, header, parent_field, False) if parent_field else None


def _resolve(columns: list[Column]) -> list[Column]:
    """One column per field; "Họ" | "Tên" as two top-level headers make a split name."""
    if any(c.field == FAMILY_NAME for c in columns):
        for column in columns:
            if column.field == FULL_NAME and header_key(column.header) == "ten":
                column.field = GIVEN_NAME
    return columns


def given_name_under_merge(
    columns: list[Column], head: Sequence[Sequence[Any]], header_row: int, first_data: int
) -> Column | None:
    """A "Họ và tên" merged over two columns without a "Họ" | "Tên" row under it, the family
    and middle names in its first column, the given name in the second.

    A read-only sheet does not say which cells are merged: the sign is an empty header cell
    right of the name header whose column holds, in the rows under it, single capitalised words
    (given names) and nothing else.
    Then the name column becomes the family name and the column right of it the given name.
    """
    names = [c for c in columns if c.field in NAME_FIELDS]
    if len(names) != 1 or names[0].field != FULL_NAME:
        return None
    name = names[0]
    position = name.index  # the 0-based position of the column right of the name
    if any(c.index == position + 1 for c in columns) or not is_blank(_cell(head[header_row - 1], position)):
        return None
    words = 0
    for values in head[first_data - 1 :]:
        right = _cell(values, position)
        if is_blank(right) or is_name_header(right):
            continue
        # A given name is one word, capitalised ("An", "Hoa"); a note ("Đoàn viên") is not.
        word = right.strip() if isinstance(right, str) else ""
        if not word or " " in word or not word[0].isupper() or not word.isalpha():
            return None
        left = _cell(values, position - 1)
        words += isinstance(left, str) and any(ch.isalpha() for ch in left)
    if not words:
        return None
    name.field = FAMILY_NAME
    return Column(position + 1, name.header, GIVEN_NAME, False)


def _cell(values: Sequence[Any], position: int) -> Any:
    return values[position] if position < len(values) else None


def chosen_columns(columns: list[Column]) -> dict[str, Column]:
    """The first exact match of each field, else its first prefix match."""
    chosen: dict[str, Column] = {}
    for column in sorted(columns, key=lambda c: (not c.exact, c.index)):
        chosen.setdefault(column.field, column)
    return chosen


def pick_columns(columns: list[Column], table: SheetTable) -> list[Column]:
    """Keep the first exact match of each field (else the first prefix match); say what was left."""
    chosen = chosen_columns(columns)
    for column in columns:
        if chosen[column.field] is column:
            continue
        if column.field.startswith(GROUP_MARK):
            # Two columns of one group ("Khuyết tật" and "Người khuyết tật"): a mark in either counts.
            column.field = f"{column.field}@{column.index}"
            chosen[column.field] = column
        else:
            table.note_not_read(column, chosen[column.field], field_label(column.field))
    return sorted(chosen.values(), key=lambda c: c.index)


_HEADER_STARTS = frozenset({"ho", "ho,", "hov", "hot", "ten"})


def is_name_header(value: Any) -> bool:
    """ "Họ và tên" repeated on a page break. Called on every row: only the cheap checks."""
    if not isinstance(value, str) or len(value) > 60 or fold(value.lstrip()[:3]).rstrip() not in _HEADER_STARTS:
        return False
    key = header_key(value)
    return _EXACT.get(key) in NAME_FIELDS or key.startswith(("ho va ten ", "ho ten "))


def looks_numbering(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return float(value).is_integer() and 0 <= value < 1000
    return isinstance(value, str) and bool(_NUMBERING.fullmatch(value.strip()))
