"""Vietnamese text as data: one normaliser, one search fold, one name order.

Framework-free on purpose, so importers, exporters and models all use the same rules.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Invisible format characters (Unicode category Cf) that copy and paste brings along: joiners,
# word joiner, byte-order mark, soft hyphen, direction marks and overrides. Unseen in Excel and
# on the page, they would make "Nguyễn\u2060 Văn An" another name. A zero-width space marks a
# break between words: it counts as a space.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
_ZERO_WIDTH_SPACE = "\u200b"

# The Vietnamese alphabet in dictionary order; letters with a breve, circumflex or horn are
# letters of their own (a < ă < â), tones only break ties.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_PRIMARY = {letter: index for index, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn


def _visible(value: str) -> str:
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", value)).replace(_ZERO_WIDTH_SPACE, " ")


def nfc(value: str | None) -> str:
    """NFC with outer and repeated inner whitespace collapsed: "Nguyễn" typed on any keyboard."""
    if not value:
        return ""
    return _SPACES.sub(" ", _visible(value)).strip()


_LINE_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def nfc_text(value: str | None) -> str:
    """`nfc` for text of several lines: each line's spaces collapsed, the line breaks kept
    (at most one empty line in a row), Windows and old Mac line ends made plain."""
    if not value:
        return ""
    text = _visible(value).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_LINE_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def fold(value: str | None) -> str:
    """Search key: no diacritics, no case, đ as d. "NGUYỄN Văn Ân" -> "nguyen van an"."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", nfc(value))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D").casefold()


def _letter_keys(word: str) -> tuple[list[int], list[int]]:
    primary: list[int] = []
    tones: list[int] = []
    for char in nfc(word).lower():
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        marks = decomposed[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
        tone = next((_TONES[m] for m in marks if m in _TONES), 0)
        if letter in _PRIMARY:
            primary.append(100 + _PRIMARY[letter])
        else:
            primary.append(1000 + ord(fold(letter) or letter))
        tones.append(tone)
    return primary, tones


def sort_key(text: str | None) -> tuple:
    """Vietnamese dictionary order for any text (unit names, places): letters first, then tones."""
    words = nfc(text).split(" ") if text else []
    keys = [_letter_keys(word) for word in words if word]
    return (tuple(tuple(p) for p, _ in keys), tuple(tuple(t) for _, t in keys))


def name_sort_key(full_name: str | None) -> tuple:
    """Vietnamese name order: the given name (last word) first, then family and middle names."""
    words = nfc(full_name).split(" ") if full_name else []
    return sort_key(" ".join([words[-1], *words[:-1]]) if words else "")


def vn_upper(value: str) -> str:
    return nfc(value).upper()


# A sort key the database can order by: digits only, so it compares the same under any
# collation (SQLite's binary, PostgreSQL's glibc or ICU). Two digits per letter in Vietnamese
# alphabet order (the foreign f, j, w, z in their Latin places), "01" between words, "00" at
# the end of the letters, then one digit per letter for the tone, which only breaks ties.
_KEY_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_KEY_CODES = {letter: f"{index + 12:02d}" for index, letter in enumerate(_KEY_ALPHABET)}
_KEY_CODES.update({str(digit): f"{digit + 2:02d}" for digit in range(10)})


def collation_key(text: str | None) -> str:
    primary: list[str] = []
    tones: list[str] = []
    for index, word in enumerate(word for word in nfc(text).lower().split(" ") if word):
        if index:
            primary.append("01")
        for char in word:
            decomposed = unicodedata.normalize("NFD", char)
            marks = decomposed[1:]
            letter = unicodedata.normalize("NFC", decomposed[0] + "".join(m for m in marks if m in _LETTER_MARKS))
            if letter in _KEY_CODES:
                primary.append(_KEY_CODES[letter])
                tones.append(str(next((_TONES[m] for m in marks if m in _TONES), 0)))
            # Punctuation (hyphens, apostrophes, dots) does not count, as in a dictionary.
    return "".join(primary) + "00" + "".join(tones)


def name_collation_key(full_name: str | None) -> str:
    """`collation_key` in Vietnamese name order: the given name (last word) first."""
    words = nfc(full_name).split(" ") if full_name else []
    return collation_key(" ".join([words[-1], *words[:-1]]) if words else "")
