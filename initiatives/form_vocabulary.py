"""The Vietnamese words of Forms 01 and 03: fixed text of official forms, not UI strings.

The document reads the same whatever the reader's screen language (see reports/README.md), so
the names of domains, kinds and outcomes printed in a form are data here, not msgids. The
importer reads the same names back, and guesses a kind from the words a commune writes.
"""

from __future__ import annotations

from initiatives.choices import KIND_DOMAIN, Domain, Kind, Outcome

DOMAIN_VI: dict[str, str] = {
    Domain.HEALTH: "Chăm sóc sức khỏe",
    Domain.SOCIAL: "Giao lưu, chia sẻ, đời sống tinh thần",
    Domain.LEARNING: "Học tập, nâng cao trình độ tay nghề",
    Domain.LIVELIHOOD: "Nghề nghiệp, việc làm, kinh doanh",
}

KIND_VI: dict[str, str] = {
    Kind.INSURANCE_CARDS: "Vận động, trao tặng thẻ bảo hiểm y tế",
    Kind.THERAPY: "Điều trị, trị liệu cho thanh thiếu niên khuyết tật",
    Kind.SELF_HELP_GROUP: "Nhóm tự lực của thanh niên khuyết tật",
    Kind.CLUB: "Câu lạc bộ, đội, nhóm theo nghề nghiệp, sở thích",
    Kind.FORUM: "Diễn đàn, sân chơi định kỳ",
    Kind.CULTURE_CLUB: "Câu lạc bộ văn hóa, nghệ thuật, thể thao, du lịch",
    Kind.PRISONER_TRAINING: "Tư vấn, dạy nghề cho phạm nhân trẻ sắp mãn hạn tù",
    Kind.VOCATIONAL: "Tư vấn, hướng nghiệp, dạy nghề miễn phí",
    Kind.ECONOMIC_SUPPORT: "Chuyển giao khoa học kỹ thuật, hỗ trợ ngày công, vốn",
    Kind.FUND: "Quỹ hỗ trợ thanh thiếu niên yếu thế",
    Kind.JOB_PLACEMENT: "Giới thiệu, giải quyết việc làm",
    Kind.OTHER: "Khác",
}

OUTCOME_VI: dict[str, str] = {
    Outcome.SUPPORTED: "Được hỗ trợ",
    Outcome.JOB: "Có việc làm",
    Outcome.INSURANCE_CARD: "Được cấp thẻ BHYT",
    Outcome.COURSE_FINISHED: "Hoàn thành khóa học",
    Outcome.BACK_TO_SCHOOL: "Trở lại trường học",
    Outcome.LIVELIHOOD: "Có sinh kế",
    Outcome.TREATMENT: "Được điều trị",
    Outcome.OTHER: "Khác",
}

# Folded words (core.vntext.fold) that name a kind in a commune's own wording, longest first
# when matched. A kind found gives its domain (KIND_DOMAIN).
KIND_KEYWORDS: dict[str, tuple[str, ...]] = {
    Kind.INSURANCE_CARDS: ("bao hiem y te", "the bhyt", "bhyt"),
    Kind.THERAPY: ("dieu tri", "tri lieu", "phuc hoi chuc nang", "vat ly tri lieu"),
    Kind.SELF_HELP_GROUP: ("nhom tu luc", "tu luc", "song doc lap", "tro giup ca nhan", "dong dang"),
    Kind.CULTURE_CLUB: ("van hoa", "van nghe", "nghe thuat", "the thao", "du lich", "bong da"),
    Kind.CLUB: ("cau lac bo", "clb", "doi nhom", "so thich"),
    Kind.FORUM: ("dien dan", "san choi", "giao luu"),
    Kind.PRISONER_TRAINING: ("pham nhan", "trai giam", "man han", "sap ra tu"),
    Kind.VOCATIONAL: ("huong nghiep", "day nghe", "hoc nghe", "dao tao nghe", "tu van nghe"),
    Kind.ECONOMIC_SUPPORT: ("chuyen giao", "khoa hoc ky thuat", "ngay cong", "con giong", "mo hinh kinh te", "von"),
    Kind.FUND: ("quy ho tro", "quy tu thien", "gay quy", "lap quy", "quy thanh nien"),
    Kind.JOB_PLACEMENT: ("viec lam", "xuat khau lao dong", "gioi thieu viec", "tuyen dung"),
}

# Words that name a domain when no kind is recognised.
DOMAIN_KEYWORDS: dict[str, tuple[str, ...]] = {
    Domain.HEALTH: ("suc khoe", "y te", "kham benh", "chua benh", "thuoc"),
    Domain.SOCIAL: ("chia se", "tinh than", "tam ly", "giao luu", "sinh hoat"),
    Domain.LEARNING: ("hoc tap", "hoc bong", "dao tao", "ky nang", "tay nghe"),
    Domain.LIVELIHOOD: ("sinh ke", "kinh te", "kinh doanh", "thu nhap", "khoi nghiep"),
}


def domain_of(kind: str) -> str | None:
    return KIND_DOMAIN.get(kind)
