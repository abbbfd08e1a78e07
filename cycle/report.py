"""The cycle's documents in the union's format (`reports`): the compliance list and the yearly report.

The compliance list writes exactly the rows the board lists (`compliance.select` over
`compliance.rows`). The yearly report — what a province sends the Central Committee — reads
the dashboard's figures (`cycle.dashboards`) and the board's summary. Labels are fixed
Vietnamese text of official documents, not UI strings (see reports/README.md).
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Sequence

from django.http import FileResponse
from django.utils import timezone

from cycle import compliance, dashboards
from cycle.models import Kind, ProgrammeYear, Submission, Timeliness
from initiatives.choices import Domain, Outcome
from initiatives.form_vocabulary import DOMAIN_VI, OUTCOME_VI
from reports import renderers
from reports.documents import Cell, Column, Header, OfficialList, OfficialReport, Section, Signature
from reports.http import file_names, file_response
from units.models import Unit, UnitKind
from youth.choices import TargetGroup
from youth.importing_values import GROUP_NAMES_VI

KIND_VI: dict[str, str] = {
    Kind.REGISTRATION: "Đăng ký (Biểu mẫu 01)",
    Kind.RESULTS: "Báo cáo kết quả (Biểu mẫu 02, 03)",
}
TIMELINESS_VI: dict[str, str] = {
    Timeliness.ON_TIME: "Đúng hạn",
    Timeliness.EXTENDED: "Trong thời gian gia hạn",
    Timeliness.LATE: "Nộp muộn",
    Timeliness.MISSING: "Chưa nộp (đã quá hạn)",
    compliance.PENDING: "Chưa nộp (chưa đến hạn)",
}
SUBMISSION_STATUS_VI: dict[str, str] = {
    Submission.Status.SUBMITTED: "chờ Đoàn cấp trên xem xét",
    Submission.Status.ACCEPTED: "đã được chấp nhận",
    Submission.Status.RETURNED: "bị trả lại để bổ sung",
}
FILTER_VI = {
    "registered": "Đã đăng ký mô hình, giải pháp",
    "not_registered": "Chưa đăng ký mô hình, giải pháp",
    "reported": "Đã báo cáo kết quả mô hình, giải pháp",
    "not_reported": "Chưa báo cáo kết quả mô hình, giải pháp",
    "recognised": "Có mô hình, giải pháp được công nhận",
} | {f"{kind}_{state}": f"{KIND_VI[kind]}: {label}" for kind in Kind.values for state, label in TIMELINESS_VI.items()}
NOT_YET_RECOGNISED = "Chưa có mô hình, giải pháp nào được công nhận trong năm."


def percent(value: float) -> str:
    """85.0 -> "85,0%" (the decimal comma of Vietnamese documents)."""
    return f"{value:.1f}".replace(".", ",") + "%"


def response(document: OfficialList, fmt: str, names: tuple[str, str]) -> FileResponse:
    out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it (and so deletes it)
    try:
        renderers.render(fmt, document, out)
    except BaseException:
        out.close()
        raise
    return file_response(out, renderers.FORMATS[fmt].content_type, names)


# The compliance list: the board's rows, as listed


def submission_cell(row: compliance.Row, kind: str) -> str:
    state = row.submissions.get(kind, "")
    text = TIMELINESS_VI.get(state, state)
    status = row.statuses.get(kind, "")
    return f"{text}, {SUBMISSION_STATUS_VI.get(status, status)}" if status else text


def compliance_cells(rows: Sequence[compliance.Row]) -> list[tuple[Cell, ...]]:
    return [
        (
            number,
            row.name,
            row.code,
            row.parent_name,
            row.registered,
            row.reported,
            submission_cell(row, Kind.REGISTRATION),
            submission_cell(row, Kind.RESULTS),
        )
        for number, row in enumerate(rows, start=1)
    ]


COMPLIANCE_COLUMNS = (
    Column("TT", 5, center=True),
    Column("Đơn vị", 28),
    Column("Mã", 8, center=True),
    Column("Trực thuộc", 22),
    Column("Số mô hình đăng ký", 11, center=True),
    Column("Số mô hình đã báo cáo kết quả", 12, center=True),
    Column("Đăng ký (Biểu mẫu 01)", 20),
    Column("Báo cáo kết quả (Biểu mẫu 02, 03)", 20),
)


def compliance_document(unit: Unit, year: ProgrammeYear, rows: Sequence[compliance.Row], show: str) -> OfficialList:
    """The rows the board lists under `show`, one line each (`rows` are already selected)."""
    title = ["DANH SÁCH ĐOÀN CẤP XÃ THỰC HIỆN CHỈ TIÊU", f"XÂY DỰNG MÔ HÌNH, GIẢI PHÁP NĂM {year.year}"]
    if show in FILTER_VI:
        title.append(f"({FILTER_VI[show]})")
    return OfficialList(
        form_label=f"Năm {year.year}",
        header=Header.for_unit(unit),
        title_lines=tuple(title),
        columns=COMPLIANCE_COLUMNS,
        rows=compliance_cells(rows),
        signature=Signature(recipients=("- Lưu VP.",)),
        landscape=True,
        total=len(rows),
    )


def compliance_names(unit: Unit, year: ProgrammeYear, show: str, on: datetime.date | None = None) -> tuple[str, str]:
    on = on or timezone.localdate()
    return file_names(
        f"chi-tieu-{year.year}_{unit.code or unit.name}_{show}_{on:%Y%m%d}",
        f"Thực hiện chỉ tiêu năm {year.year} - {unit.name} - {on:%d-%m-%Y}",
        "xlsx",
    )


# The yearly report


def _numbered(lines: Sequence[Sequence[Cell]]) -> list[tuple[Cell, ...]]:
    return [(number, *cells) for number, cells in enumerate(lines, start=1)]


def _coverage(summary: compliance.Summary) -> Section:
    return Section(
        heading="1. Đoàn cấp xã xây dựng mô hình, giải pháp (chỉ tiêu: 100%)",
        columns=(
            Column("TT", 5, center=True),
            Column("Nội dung", 50),
            Column("Số lượng", 12, center=True),
            Column("Tỷ lệ", 12, center=True),
        ),
        rows=_numbered(
            [
                ("Số Đoàn cấp xã trong năm", summary.units, ""),
                ("Đã đăng ký ít nhất 01 mô hình, giải pháp", summary.registered, percent(summary.registered_share)),
                ("Đã báo cáo kết quả ít nhất 01 mô hình, giải pháp", summary.reported, percent(summary.reported_share)),
                ("Có mô hình, giải pháp được công nhận", summary.recognised, percent(summary.recognised_share)),
            ]
        ),
        notes=("Mô hình, giải pháp được công nhận: xem mục 8.",) if not summary.recognised else (),
    )


def _timeliness(summary: compliance.Summary) -> Section:
    states = list(TIMELINESS_VI)
    return Section(
        heading="2. Tiến độ gửi đăng ký và báo cáo kết quả về Đoàn cấp trên",
        columns=(
            Column("TT", 5, center=True),
            Column("Nội dung", 26),
            *(Column(TIMELINESS_VI[state], 11, center=True) for state in states),
        ),
        rows=_numbered(
            [(KIND_VI[kind], *(summary.counts[f"{kind}_{state}"] for state in states)) for kind in Kind.values]
        ),
    )


def _groups(by_group: dict[str, int], total: int) -> Section:
    return Section(
        heading="3. Thanh thiếu niên yếu thế theo nhóm đối tượng",
        columns=(Column("TT", 5, center=True), Column("Nhóm đối tượng", 60), Column("Số lượng", 14, center=True)),
        rows=[
            *_numbered([(GROUP_NAMES_VI[code], by_group.get(code, 0)) for code in TargetGroup.values]),
            ("", "Tổng số thanh thiếu niên yếu thế", total),
        ],
        notes=("Một người có thể thuộc nhiều nhóm; số liệu hiện có trong danh sách tại thời điểm lập báo cáo.",),
    )


def _domains(year_initiatives: dashboards.YearInitiatives) -> Section:
    return Section(
        heading="4. Mô hình, giải pháp theo lĩnh vực",
        columns=(
            Column("TT", 5, center=True),
            Column("Lĩnh vực", 46),
            Column("Đã đăng ký", 14, center=True),
            Column("Đã báo cáo kết quả", 14, center=True),
        ),
        rows=[
            *_numbered(
                [
                    (DOMAIN_VI[domain], year_initiatives.by_domain[domain], year_initiatives.reported_by_domain[domain])
                    for domain in Domain.values
                ]
            ),
            ("", "Tổng số", year_initiatives.registered, year_initiatives.reported),
        ],
    )


def _units(by_compliance: list[dashboards.UnitCompliance], by_initiatives) -> Section:
    keyed: dict[str, list] = {}
    for item in by_compliance:
        keyed[item.child.path] = [item.child.name, item.units, item.registered, percent(item.registered_share), 0, 0, 0]
    for entry in by_initiatives:
        line = keyed.setdefault(entry.child.path, [entry.child.name, 0, 0, "", 0, 0, 0])
        line[4:] = [entry.registered, entry.reported, entry.supported]
    return Section(
        heading="5. Kết quả theo đơn vị",
        columns=(
            Column("TT", 5, center=True),
            Column("Đơn vị", 30),
            Column("Số Đoàn cấp xã", 10, center=True),
            Column("Đoàn cấp xã đã đăng ký", 11, center=True),
            Column("Tỷ lệ", 10, center=True),
            Column("Mô hình đã đăng ký", 11, center=True),
            Column("Mô hình đã báo cáo kết quả", 11, center=True),
            Column("Thanh thiếu niên được hỗ trợ (theo báo cáo)", 13, center=True),
        ),
        rows=[*_numbered([tuple(keyed[path]) for path in sorted(keyed)]), _total(keyed.values())],
    )


def _total(lines) -> tuple[Cell, ...]:
    """The "Tổng số" line of section 5: sums, and the share of the sums."""
    units, registered, initiatives, reported, supported = (sum(line[n] for line in lines) for n in (1, 2, 4, 5, 6))
    share = percent(compliance.Summary.share(registered, units))
    return ("", "Tổng số", units, registered, share, initiatives, reported, supported)


def _support(support: dashboards.SupportYear) -> Section:
    return Section(
        heading="6. Thanh thiếu niên yếu thế được hỗ trợ",
        columns=(Column("TT", 5, center=True), Column("Nội dung", 60), Column("Số lượng", 14, center=True)),
        rows=_numbered(
            [
                ("Thanh thiếu niên trong danh sách là đối tượng thụ hưởng của mô hình, giải pháp", support.youth),
                ("Thanh thiếu niên được hỗ trợ theo báo cáo kết quả của các mô hình, giải pháp", support.reported),
            ]
        ),
        notes=("Mô hình, giải pháp thực hiện trong nhiều năm được tính ở mỗi năm.",),
    )


def _outcomes(support: dashboards.SupportYear) -> Section:
    return Section(
        heading="7. Kết quả hỗ trợ đối với thanh thiếu niên",
        columns=(Column("TT", 5, center=True), Column("Kết quả", 60), Column("Số thanh thiếu niên", 14, center=True)),
        rows=_numbered([(OUTCOME_VI[code], support.outcomes.get(code, 0)) for code in Outcome.values]),
    )


def _recognised(rows: Sequence[compliance.Row], summary: compliance.Summary) -> Section:
    return Section(
        heading="8. Mô hình, giải pháp được công nhận",
        columns=(Column("TT", 5, center=True), Column("Nội dung", 60), Column("Số lượng", 14, center=True)),
        rows=_numbered(
            [
                ("Mô hình, giải pháp được công nhận đạt chỉ tiêu", sum(row.recognised for row in rows)),
                ("Đoàn cấp xã có mô hình, giải pháp được công nhận", summary.recognised),
            ]
        ),
        notes=(NOT_YET_RECOGNISED,) if not summary.recognised else (),
    )


def recipients(unit: Unit) -> tuple[str, ...]:
    if unit.kind == UnitKind.PROVINCE:
        return ("- Trung ương Đoàn (để báo cáo);", "- Thường trực Tỉnh đoàn;", "- Lưu VP.")
    return ("- Ban Thường vụ Đoàn cấp trên (để báo cáo);", "- Lưu VP.")


def yearly_report(user, unit: Unit, year: ProgrammeYear, *, on: datetime.date | None = None) -> OfficialReport:
    """The yearly summary of `unit`'s subtree, with every figure read now."""
    on = on or timezone.localdate()
    rows = compliance.rows(unit, year)
    summary = compliance.summary(rows)
    support = next(
        (item for item in dashboards.support_over_years(user, unit) if item.year == year.year),
        dashboards.SupportYear(year.year),
    )
    youth = dashboards.youth_figures(user, unit)
    sections = (
        _coverage(summary),
        _timeliness(summary),
        _groups(youth.by_group, youth.total),
        _domains(dashboards.initiatives_of_year(user, unit, year.year)),
        _units(dashboards.compliance_by_unit(unit, rows), dashboards.initiatives_by_unit(user, unit, year.year)),
        _support(support),
        _outcomes(support),
        _recognised(rows, summary),
    )
    return OfficialReport(
        form_label=f"Báo cáo năm {year.year}",
        header=Header.for_unit(unit, on=on),
        title_lines=(
            "BÁO CÁO",
            f"KẾT QUẢ THỰC HIỆN CÔNG TÁC HỖ TRỢ, GIÚP ĐỠ THANH THIẾU NIÊN YẾU THẾ NĂM {year.year}",
        ),
        columns=(),
        rows=(),
        intro=(
            f"Phạm vi: {unit.name} và các đơn vị trực thuộc. Số liệu tổng hợp từ hệ thống Vươn Lên ngày {on:%d/%m/%Y}.",
        ),
        sections=sections,
        signature=Signature(recipients=recipients(unit)),
    )


def report_names(unit: Unit, year: ProgrammeYear, fmt: str, on: datetime.date | None = None) -> tuple[str, str]:
    on = on or timezone.localdate()
    return file_names(
        f"bao-cao-nam-{year.year}_{unit.code or unit.name}_{on:%Y%m%d}",
        f"Báo cáo năm {year.year} - {unit.name} - {on:%d-%m-%Y}",
        fmt,
    )
