from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from core.vntext import collation_key, fold, name_collation_key, name_sort_key, nfc, nfc_text, sort_key


def test_fold_ignores_diacritics_case_and_d_stroke():
    assert fold("Nguyễn Văn Ân") == "nguyen van an"
    assert fold("NGUYEN VĂN ÂN") == "nguyen van an"
    assert fold("nguyen van an") == "nguyen van an"
    assert fold("Đoàn xã Đức Thọ") == "doan xa duc tho"


def test_fold_treats_nfd_input_like_nfc():
    decomposed = unicodedata.normalize("NFD", "Trần Thị Hường")
    assert decomposed != "Trần Thị Hường"
    assert fold(decomposed) == fold("Trần Thị Hường") == "tran thi huong"


def test_nfc_collapses_spaces_and_composes():
    assert nfc("  Nguyễn\u00a0 Văn   An ") == "Nguyễn Văn An"
    assert nfc(unicodedata.normalize("NFD", "Hà Tĩnh")) == "Hà Tĩnh"
    assert nfc(None) == ""


def test_names_sort_by_given_name_first():
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn Ân", "Phạm Thị Ánh", "Hoàng Văn An"]
    ordered = sorted(names, key=name_sort_key)
    # a < â in the alphabet, so "An" < "Ánh" < "Ân" < "Bình"; the two "An" by family name (Hoàng < Trần).
    assert ordered == ["Hoàng Văn An", "Trần Thị An", "Phạm Thị Ánh", "Lê Văn Ân", "Nguyễn Văn Bình"]


def test_vietnamese_alphabet_order_not_code_points():
    # d < đ < e and o < ô < ơ < p in the Vietnamese alphabet.
    assert sorted(["Ơn", "Ô", "Oanh", "Phúc"], key=name_sort_key) == ["Oanh", "Ô", "Ơn", "Phúc"]
    assert sorted(["Em", "Đức", "Dung"], key=name_sort_key) == ["Dung", "Đức", "Em"]


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text):
    once = fold(text)
    assert fold(once) == once


def test_sort_key_orders_unit_names_in_the_vietnamese_alphabet():
    names = ["Đoàn xã Đức Thọ", "Đoàn xã Cẩm Bình", "Đoàn xã Ân Phú", "Đoàn xã An Lạc", "Đoàn phường Bắc Hồng Lĩnh"]
    assert sorted(names, key=sort_key) == [
        "Đoàn phường Bắc Hồng Lĩnh",
        "Đoàn xã An Lạc",
        "Đoàn xã Ân Phú",
        "Đoàn xã Cẩm Bình",
        "Đoàn xã Đức Thọ",
    ]


def test_collation_keys_sort_like_the_python_keys():
    names = [
        "Nguyễn Văn Bình",
        "Trần Thị An",
        "Lê Văn Ân",
        "Phạm Thị Ánh",
        "Hoàng Văn An",
        "Đỗ Đức",
        "Vũ Anh",
        "Võ Thị Ơn",
        "Bùi Ô",
        "Lý A Páo",
        "Giàng Thị Dợ",
        "Nguyễn Thị Dung",
    ]
    assert sorted(names, key=name_collation_key) == sorted(names, key=name_sort_key)
    assert all(name_collation_key(name).isdigit() for name in names)


@given(st.lists(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậéèẻẽẹ ", min_size=1, max_size=12), min_size=2))
def test_collation_key_order_matches_the_tuple_key(words):
    ordered_by_digits = sorted(words, key=lambda w: (collation_key(w), w))
    ordered_by_tuples = sorted(words, key=lambda w: (sort_key(w), w))
    assert [sort_key(w) for w in ordered_by_digits] == [sort_key(w) for w in ordered_by_tuples]


def test_nfc_text_keeps_line_breaks_and_tidies_each_line():
    from core.vntext import nfc_text

    raw = "  Hỗ trợ  vốn\r\n\r\n\r\n\r\n- 5 người   có việc làm \r- Nguyễn\n"
    assert nfc_text(raw) == "Hỗ trợ vốn\n\n- 5 người có việc làm\n- Nguyễn"
    assert nfc_text(None) == ""


def test_invisible_characters_pasted_with_a_name_are_dropped():
    """Zero-width spaces, joiners, a byte-order mark, a soft hyphen or a direction override show
    nowhere, so they must not make another name (nor defeat the duplicate check)."""
    for pasted in (
        "Nguyễn\u200bVăn An",
        "Nguyễn\u200b Văn An",
        "\ufeffNguyễn Văn An",
        "Nguyễn Văn An\u00ad",
        "Nguyễn Văn\u2060 An",
        "\u202eNguyễn Văn An",
    ):
        assert nfc(pasted) == "Nguyễn Văn An", repr(pasted)
        assert fold(pasted) == "nguyen van an"
    assert nfc_text("Dòng một\u200b\nDòng\u200d hai") == "Dòng một\nDòng hai"
