"""Read one cell's value into a registry field, the way commune officers fill their sheets.

Each function returns the value (and any warnings) or raises `CellProblem` with a translated
message. Vocabularies here (the guideline's group names, need words) are data, matched on
`core.vntext.fold`; the messages go through gettext.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from core.ethnicities import find_ethnicity
from core.identifier_messages import describe
from core.identifiers import InvalidIdentifier, normalize_citizen_id, normalize_phone
from core.vntext import fold, nfc
from youth.choices import HouseholdKind, Need, Sex, TargetGroup


class CellProblem(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def cell_text(value: Any) -> str:
    """Any cell as text, NFC with whitespace collapsed; numbers without a trailing ".0"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == datetime.time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    text = getattr(value, "text", None)  # openpyxl's ArrayFormula keeps the formula as text
    return nfc(text if isinstance(text, str) else str(value))


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


# --- Sex, ethnicity ---------------------------------------------------------------------------

_MALE = {"nam", "m", "male", "trai", "con trai", "gioi tinh nam", "nam gioi", "gioi nam", "phai nam"}
_FEMALE = {"nu", "f", "female", "gai", "con gai", "gioi tinh nu", "nu gioi", "gioi nu", "phai nu"}


def parse_sex(value: Any) -> str:
    text = cell_text(value)
    # "Nam (m)", "Nữ (F)": the word before the gloss in brackets.
    key = _key(re.sub(r"\([^)]*\)", " ", text)) or _key(text)
    if not key:
        return ""
    if key in _MALE:
        return Sex.MALE
    if key in _FEMALE:
        return Sex.FEMALE
    raise CellProblem(_("Sex %(value)s is not “Nam” or “Nữ”.") % {"value": cell_text(value)})


def parse_ethnicity(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    code = find_ethnicity(value if isinstance(value, int) else cell_text(value))
    if code is None:
        raise CellProblem(_("Unknown ethnicity %(value)s.") % {"value": cell_text(value)})
    return code


# --- Phone, citizen ID ------------------------------------------------------------------------

_PHONE_SPLIT = re.compile(r"[;,/\n]|\s[-–]\s|\s+(?:hoặc|hoac|or)\s+", re.IGNORECASE)
_NOT_PHONE = re.compile(r"[^0-9+ .\-()]")


def _identifier_input(value: Any) -> str | int | float:
    # Number cells go in as numbers (the identifier rules restore the zeros Excel dropped);
    # everything else, dates included, as the text the cell shows.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return cell_text(value)


def parse_phone(value: Any) -> tuple[str, list[str]]:
    """(phone, warnings). Several numbers in a cell: the first is kept, with a warning."""
    if isinstance(value, str) and len(lines := [line for line in value.splitlines() if line.strip()]) > 1:
        # One number a line: `cell_text` would make the break a space, one long wrong number.
        value = "; ".join(lines)
    raw = _identifier_input(value)
    try:
        return normalize_phone(raw), []
    except InvalidIdentifier as exc:
        error = exc
    if isinstance(raw, str):
        parts = [p for p in _PHONE_SPLIT.split(raw) if p.strip()]
        first = _NOT_PHONE.sub(" ", re.sub(r"\([^)]*\)", " ", parts[0])) if parts else ""
        try:
            phone = normalize_phone(first)
        except InvalidIdentifier:
            phone = ""
        if phone:
            return phone, [_("Only the number %(phone)s is kept from %(value)s.") % {"phone": phone, "value": raw}]
    if error.code == "phone_invalid":
        raise CellProblem(_("Phone number %(value)s is not a Vietnamese number.") % {"value": cell_text(value)})
    raise CellProblem(describe(error))


_ID_SPACING = re.compile(r"[\s.\-]+")


def old_id_number(value: Any) -> str:
    """The 9 digits of an old ID card (CMND) in a citizen ID cell, or "": lists from before
    2024 are full of them. A number cell of 8 digits lost its leading zero."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        if not float(value).is_integer() or not 0 < value < 1_000_000_000:
            return ""
        digits = str(int(value))
        return digits.zfill(9) if len(digits) >= 8 else ""
    digits = _ID_SPACING.sub("", cell_text(value))
    return digits if len(digits) == 9 and digits.isdecimal() else ""


_ZEROS_AND_SPACING = str.maketrans("", "", "0 .-/\t\n\u00a0")


def is_zero_phone(value: Any) -> bool:
    """0, "00", "0000000000": a placeholder for "no phone", not a number."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return value == 0
    if not isinstance(value, str):
        return False
    # Without its zeros and spacing nothing is left: str.translate, cheap on 10,000 rows.
    text = value.strip()
    return "0" in text and not text.translate(_ZEROS_AND_SPACING)


def parse_citizen_id(value: Any) -> str:
    raw = _identifier_input(value)
    try:
        return normalize_citizen_id(raw)
    except InvalidIdentifier as exc:
        raise CellProblem(
            _("Citizen ID %(value)s: %(reason)s") % {"value": cell_text(value), "reason": describe(exc)}
        ) from None


# --- Target groups and needs ------------------------------------------------------------------

# The guideline's names (Hướng dẫn 2019) and the short names of the template's drop-down list.
GROUP_NAMES_VI: dict[str, str] = {
    TargetGroup.DISABILITY: "Thanh thiếu niên khuyết tật",
    TargetGroup.SERIOUS_ILLNESS: "Thanh thiếu niên mắc bệnh hiểm nghèo",
    TargetGroup.POVERTY: "Thanh thiếu niên nghèo (hộ nghèo, hộ cận nghèo)",
    TargetGroup.UNEMPLOYMENT: "Thanh niên thất nghiệp mặc dù đã và đang nỗ lực kiếm việc làm",
    TargetGroup.ETHNIC_MINORITY: (
        "Thanh thiếu niên dân tộc thiểu số ở địa bàn khó khăn, vùng sâu, vùng xa, biên giới, hải đảo"
    ),
    TargetGroup.REHABILITATION: "Thanh thiếu niên chậm tiến, sau cai nghiện",
    TargetGroup.REINTEGRATION: "Thanh niên hoàn lương",
}
GROUP_SHORT_VI: dict[str, str] = {
    TargetGroup.DISABILITY: "Khuyết tật",
    TargetGroup.SERIOUS_ILLNESS: "Bệnh hiểm nghèo",
    TargetGroup.POVERTY: "Hộ nghèo, cận nghèo",
    TargetGroup.UNEMPLOYMENT: "Thất nghiệp",
    TargetGroup.ETHNIC_MINORITY: "Dân tộc thiểu số",
    TargetGroup.REHABILITATION: "Chậm tiến, sau cai nghiện",
    TargetGroup.REINTEGRATION: "Hoàn lương",
}
# The groups as the guideline lists them, word for word (Hướng dẫn 2019, II): headers copy them.
GROUP_NAMES_GUIDELINE: dict[str, str] = {
    TargetGroup.POVERTY: (
        "Thanh thiếu niên nghèo (thanh thiếu niên trong diện hộ cận nghèo, thanh thiếu niên trong diện hộ nghèo)"
    ),
    TargetGroup.ETHNIC_MINORITY: (
        "Thanh thiếu niên là người dân tộc thiểu số đang sinh sống ở các địa bàn khó khăn, vùng sâu, vùng xa, "
        "biên giới, hải đảo"
    ),
}
GROUP_KEYWORDS: dict[str, tuple[str, ...]] = {
    TargetGroup.DISABILITY: ("khuyet tat", "nkt", "tan tat", "disability", "disabilities", "disabled"),
    TargetGroup.SERIOUS_ILLNESS: ("hiem ngheo", "benh hiem", "benh nan y", "nan y", "ung thu", "serious illness"),
    TargetGroup.POVERTY: ("ngheo", "can ngheo", "ho ngheo", "poor", "poverty"),
    TargetGroup.UNEMPLOYMENT: (
        "that nghiep",
        "khong co viec lam",
        "chua co viec lam",
        "khong viec lam",
        "unemployed",
        "unemployment",
    ),
    TargetGroup.ETHNIC_MINORITY: ("dan toc thieu so", "dtts", "thieu so", "ethnic minority", "ethnic"),
    TargetGroup.REHABILITATION: ("cai nghien", "nghien", "cham tien", "ma tuy", "rehabilitation", "delinquent"),
    TargetGroup.REINTEGRATION: (
        "hoan luong",
        "chap hanh xong",
        "ra tu",
        "tai hoa nhap",
        "reintegrating",
        "reintegration",
        "ex offenders",
    ),
}
NEED_NAMES_VI: dict[str, str] = {
    Need.HEALTH: "Chăm sóc sức khỏe",
    Need.EDUCATION: "Học tập, học nghề",
    Need.JOB: "Việc làm",
    Need.LIVELIHOOD: "Vốn, sinh kế",
    Need.PSYCHOSOCIAL: "Hỗ trợ tâm lý, xã hội",
    Need.OTHER: "Khác",
}
NEED_KEYWORDS: dict[str, tuple[str, ...]] = {
    Need.HEALTH: ("suc khoe", "y te", "bhyt", "bao hiem y te", "kham chua benh", "chua benh", "dieu tri", "health"),
    Need.EDUCATION: ("hoc", "hoc tap", "hoc nghe", "dao tao", "day nghe", "giao duc", "hoc bong", "schooling"),
    Need.JOB: ("viec lam", "tim viec", "xuat khau lao dong", "job", "employment"),
    Need.LIVELIHOOD: ("von", "vay von", "sinh ke", "chan nuoi", "trong trot", "con giong", "capital", "livelihood"),
    Need.PSYCHOSOCIAL: ("tam ly", "tinh than", "tu van", "xa hoi", "psychological", "social support"),
    Need.OTHER: ("khac", "other"),
}
_SEPARATORS = re.compile(r"[,;/\n+()]|\s-\s|\s(?:va|and)\s")
_SEPARATORS_AS_WRITTEN = re.compile(r"[,;/\n+()]|\s-\s|\s(?:và|va|and)\s", re.IGNORECASE)


def _list_key(text: str) -> str:
    """Folded, with list separators kept as " , ": "Hộ nghèo; khuyết tật" -> "ho ngheo , khuyet tat"."""
    marked = _SEPARATORS.sub(" , ", f" {fold(text)} ")
    return " ".join(re.sub(r"[^0-9a-z,]+", " ", marked).split())


def _vocabulary(names: list[dict[str, str]], labels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(folded full name, code), longest first: whole names are taken out before splitting."""
    pairs = {(_list_key(name), code) for table in names for code, name in table.items()}
    pairs |= {(_list_key(str(label)), code) for table in labels for code, label in table.items()}
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def _filler(names: dict[str, str]) -> frozenset[str]:
    # Words of the long names that name no group by themselves ("vùng sâu", "thanh thiếu niên").
    return frozenset(word for name in names.values() for word in _key(name).split()) | {"con", "thuoc", "dien"}


class _Matches:
    def __init__(self) -> None:
        self.codes: list[str] = []  # in order of appearance, once each
        self.unknown: list[str] = []  # folded pieces that named nothing
        self.by_keyword: dict[str, list[str]] = {}  # code -> folded pieces that named it by a keyword only


def _match_list(
    text: str, vocabulary: list[tuple[str, str]], keywords: dict[str, tuple[str, ...]], codes: list[str]
) -> _Matches:
    matches = _Matches()
    key = f" {_list_key(text)} "
    for name, code in vocabulary:
        if name and f" {name} " in key:
            matches.codes.append(code)
            key = key.replace(f" {name} ", " , ")
    ranked = _ranked(tuple(keywords.items()))
    for piece in key.split(","):
        token = " ".join(piece.split())
        if not token:
            continue
        if token.isdecimal() and 1 <= int(token) <= len(codes):
            matches.codes.append(codes[int(token) - 1])
            continue
        if token.replace(" ", "_") in codes:
            matches.codes.append(token.replace(" ", "_"))
            continue
        padded, hits = f" {token} ", []
        for keyword, code in ranked:
            if f" {keyword} " in padded:
                hits.append(code)
                padded = padded.replace(f" {keyword} ", " | ")
        for code in hits:
            matches.codes.append(code)
            matches.by_keyword.setdefault(code, []).append(token)
        if not hits:
            matches.unknown.append(token)
    matches.codes = [str(code) for code in dict.fromkeys(matches.codes)]
    return matches


def _as_written(text: str) -> dict[str, str]:
    """Folded piece -> the piece as the cell wrote it, to quote it back."""
    return {_list_key(piece): piece.strip() for piece in _SEPARATORS_AS_WRITTEN.split(text)}


def _written(piece: str, as_written: dict[str, str]) -> str:
    """The cell's text a folded piece came from: the piece left after a known name was taken out
    ("nang" of "Khuyết tật nặng") is quoted as the officer wrote the whole of it."""
    if piece in as_written:
        return as_written[piece]
    return next((text for key, text in as_written.items() if f" {piece} " in f" {key} "), piece)


def _labels(choices: type[TargetGroup] | type[Need]) -> list[dict[str, Any]]:
    """The choice labels in the current language and in English (the msgids)."""
    current = {code: str(label) for code, label in choices.choices}
    with translation.override("en"):
        english = {code: str(label) for code, label in choices.choices}
    return [current, english]


# Cached per language (the argument is the cache key): labels are translated.
@functools.cache
def _group_vocabulary(language: str | None) -> list[tuple[str, str]]:
    return _vocabulary([GROUP_NAMES_VI, GROUP_NAMES_GUIDELINE, GROUP_SHORT_VI], _labels(TargetGroup))


@functools.cache
def _need_vocabulary(language: str | None) -> list[tuple[str, str]]:
    return _vocabulary([NEED_NAMES_VI], _labels(Need))


@functools.cache
def _ranked(keywords: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[str, str]]:
    return sorted(((kw, code) for code, kws in keywords for kw in kws), key=lambda p: -len(p[0]))


_GROUP_FILLER = _filler(GROUP_NAMES_VI)
_NEED_FILLER = _filler(NEED_NAMES_VI) | {"ho", "tro"}


# Said of a group, folded, meaning the person is not or no longer in it: "Không thuộc hộ nghèo",
# "Thoát nghèo", "đã thoát nghèo 2024", "chưa phải hộ cận nghèo".
_NEGATED = re.compile(
    r"\b(?:khong|chua)\s+(?:con\s+)?(?:thuoc|phai|la|o|co)?\s*(?:dien\s+|ho\s+)*(?:can\s+)?ngheo\b"
    r"|\b(?:thoat|ra khoi|het)\s+(?:dien\s+|ho\s+)*(?:can\s+)?ngheo\b"
    r"|\bkhong\s+(?:con\s+)?(?:thuoc|phai)\b"
)
# The person word before a group's name: "Người khuyết tật". ("Khuyết tật nặng" stays unknown: a
# degree the registry does not hold.)
_GROUP_QUALIFIERS = frozenset({"nguoi"})
_CODES_AS_NUMBER = re.compile(r"[1-9]\.[1-9]")


def parse_groups(value: Any, notes: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """{group code: details} from names, short names or codes, comma-separated; {} for blank.

    With `notes`, readings that involve a guess are allowed and said there: initials ("KT, HN")
    and codes that Excel turned into a number ("1,3" typed, 1.3 kept)."""
    text = cell_text(value)
    if not text:
        return {}
    if notes is not None and isinstance(value, float) and _CODES_AS_NUMBER.fullmatch(text):
        text = text.replace(".", ",")
        notes.append(
            _("%(value)s is read as the group codes %(codes)s: Excel may have turned “%(codes)s” into a number.")
            % {"value": cell_text(value), "codes": text}
        )
    if _NEGATED.search(_key(text)):
        raise CellProblem(
            _(
                "“%(value)s” says the person is not, or no longer, in a group: it is not read as that group. "
                "Name only the groups the person is in."
            )
            % {"value": text}
        )
    if notes is not None and (initials := _initials(text)):
        notes.append(
            _("The initials %(value)s are read as: %(groups)s. Check it.")
            % {
                "value": text,
                "groups": ", ".join(
                    str(HouseholdKind(kind).label if kind else TargetGroup(code).label) for code, kind in initials
                ),
            }
        )
        groups: dict[str, dict[str, Any]] = {}
        for code, kind in initials:
            groups.setdefault(code, {})
            if kind:
                groups[code]["household_kind"] = kind
        return groups
    vocabulary = _group_vocabulary(translation.get_language())
    matches = _match_list(text, vocabulary, GROUP_KEYWORDS, list(TargetGroup.values))
    unknown = [piece for piece in matches.unknown if set(piece.split()) - _GROUP_FILLER - _GROUP_QUALIFIERS]
    if unknown or not matches.codes:
        as_written = _as_written(text)
        raise CellProblem(
            _("Unknown target group %(value)s. Use the names or codes listed in the template's instructions.")
            % {"value": ", ".join(dict.fromkeys(_written(piece, as_written) for piece in unknown)) or text}
        )
    groups = {code: {} for code in matches.codes}
    if TargetGroup.POVERTY in groups:
        key = f" {_key(text)} "
        near, poor = " can ngheo " in key, " ho ngheo " in key
        if near != poor:  # named one kind only
            groups[TargetGroup.POVERTY] = {"household_kind": HouseholdKind.NEAR_POOR if near else HouseholdKind.POOR}
    return groups


def _initials(text: str) -> list[tuple[str, str]]:
    """The groups of a list made of initials only ("KT, HN"), or [] if any piece is not one."""
    pieces = [piece for piece in _list_key(text).split(",") if piece.strip()]
    found = []
    for piece in pieces:
        if (group := _GROUP_INITIALS.get(piece.strip())) is None:
            return []
        found.append((str(group[0]), str(group[1])))
    return found


def parse_needs(value: Any) -> tuple[dict[str, dict[str, Any]], str]:
    """({need code: {"priority", "note"}}, the text that named no known need).

    A need named in free words ("xin học lái xe") keeps those words as its note.
    """
    text = cell_text(value)
    if not text:
        return {}, ""
    vocabulary = _need_vocabulary(translation.get_language())
    matches = _match_list(text, vocabulary, NEED_KEYWORDS, list(Need.values))
    unknown = [piece for piece in matches.unknown if set(piece.split()) - _NEED_FILLER]
    as_written = _as_written(text)
    needs = {}
    for code in matches.codes:
        note = "; ".join(as_written.get(piece, piece) for piece in matches.by_keyword.get(code, []))
        needs[code] = {"priority": 2, "note": note[:255]}
    return needs, (text if unknown else "")


# A column of marks headed by a group's usual short name, folded, after the person words
# ("Thanh thiếu niên", "Người") are taken off; the poverty group's columns say the household.
_GROUP_HEADERS: dict[str, str] = {
    TargetGroup.DISABILITY: "khuyet tat | bi khuyet tat | tan tat | nkt",
    TargetGroup.SERIOUS_ILLNESS: "benh hiem ngheo | mac benh hiem ngheo | hiem ngheo | benh nan y | mac benh nan y",
    TargetGroup.POVERTY: "ngheo | ho ngheo can ngheo | ho ngheo ho can ngheo | ngheo can ngheo",
    TargetGroup.UNEMPLOYMENT: "that nghiep | khong co viec lam | chua co viec lam",
    TargetGroup.ETHNIC_MINORITY: "dan toc thieu so | dtts | dan toc thieu so vung kho khan",
    TargetGroup.REHABILITATION: "cham tien | sau cai nghien | cai nghien | cham tien sau cai nghien | nghien ma tuy",
    TargetGroup.REINTEGRATION: "hoan luong | tai hoa nhap cong dong",
}
_POVERTY_HEADERS: dict[str, str] = {
    HouseholdKind.POOR: "ho ngheo | thuoc ho ngheo | dien ho ngheo | trong dien ho ngheo",
    HouseholdKind.NEAR_POOR: "can ngheo | ho can ngheo | thuoc ho can ngheo | dien ho can ngheo"
    " | trong dien ho can ngheo",
}
_PERSON_WORDS = re.compile(r"^(?:thanh thieu nien|thanh nien|thieu nien|nguoi|doi tuong)(?: la)?(?: nguoi)? ")


def _headers(table: dict[str, str]) -> dict[str, str]:
    return {name.strip(): str(code) for code, names in table.items() for name in names.split("|")}


_GROUP_HEADER_CODES = _headers(_GROUP_HEADERS)
_POVERTY_HEADER_KINDS = _headers(_POVERTY_HEADERS)


def group_column(text: Any) -> tuple[str, str] | None:
    """(group, household kind or "") of a header naming one group, a column of marks: the
    guideline's wording ("Thanh thiếu niên khuyết tật"), a short name ("Khuyết tật", "Người
    khuyết tật", "DTTS"), or one kind of poor household ("Hộ nghèo", "Hộ cận nghèo")."""
    if not isinstance(text, str) or len(text) > 160:
        return None
    key = _list_key(text).replace(" , ", " ")
    for name, code in _group_vocabulary(translation.get_language()):
        if key == name.replace(" , ", " "):
            return str(code), ""
    bare = _PERSON_WORDS.sub("", key)
    for candidate in (key, bare):
        if kind := _POVERTY_HEADER_KINDS.get(candidate):
            return str(TargetGroup.POVERTY), kind
        if group := _GROUP_HEADER_CODES.get(candidate):
            return group, ""
    return None


# Initials used as sub-headers under "Nhóm đối tượng" only: alone, "TN" or "HN" could be anything.
_GROUP_INITIALS: dict[str, tuple[str, str]] = {
    "kt": (TargetGroup.DISABILITY, ""),
    "nkt": (TargetGroup.DISABILITY, ""),
    "bhn": (TargetGroup.SERIOUS_ILLNESS, ""),
    "hn": (TargetGroup.POVERTY, HouseholdKind.POOR),
    "hcn": (TargetGroup.POVERTY, HouseholdKind.NEAR_POOR),
    "tn": (TargetGroup.UNEMPLOYMENT, ""),
    "dtts": (TargetGroup.ETHNIC_MINORITY, ""),
    "ct": (TargetGroup.REHABILITATION, ""),
    "scn": (TargetGroup.REHABILITATION, ""),
    "hl": (TargetGroup.REINTEGRATION, ""),
}


def group_initials(text: Any) -> tuple[str, str] | None:
    """(group, household kind or "") of initials under a group header: "KT", "HN", "DTTS"."""
    if not isinstance(text, str) or len(text) > 8:
        return None
    found = _GROUP_INITIALS.get(_key(text))
    return (str(found[0]), str(found[1])) if found else None


def group_named_exactly(text: Any) -> str | None:
    """The group a header names in full ("Khuyết tật", "Hộ nghèo", "DTTS"): a column of marks."""
    found = group_column(text)
    return found[0] if found else None


# Folded, punctuation dropped: "Không.", "KO", "chưa có" are all "no".
_NO_MARK = frozenset(
    {
        "0",
        "k",
        "ko",
        "kg",
        "kh",
        "khg",
        "khong",
        "khong co",
        "khong thuoc",
        "chua",
        "chua co",
        "no",
        "n",
        "none",
        "false",
    }
)
_YES_MARK = frozenset({"x", "xx", "1", "co", "v", "yes", "y", "ok", "dung", "true", "co x"})
_YES_SYMBOLS = frozenset("✓✔☑×+*•●")
_DASHES = frozenset("-‐‑‒–—―−_.~/")


def read_mark(value: Any) -> bool | None:
    """A cell of a mark column: True for "x", "X", "1", "có", "✓"; False for blank, "0",
    "không", "ko", "k", "-", "—"; None for anything else (the caller warns)."""
    text = cell_text(value)
    if not text:
        return False
    if set(text) <= _DASHES | {" "}:
        return False
    if set(text) <= _YES_SYMBOLS | {" "}:
        return True
    key = _key(text)
    if key in _NO_MARK:
        return False
    if key in _YES_MARK:
        return True
    return None
