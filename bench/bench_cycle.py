"""The compliance board and the dashboard at national scale: server time beside the raw SQL they need.

The national data set (bench/national.py): 3,321 commune unions, 1,000,000 young people and
19,926 initiatives over 2025 and 2026 with beneficiaries; this script adds the programme years
2025 and 2026 and the communes' submissions (some returned and resubmitted, some late, a few
extensions) if they are missing. A province officer (98 communes, 1,078 units, about 29,000
young people and 588 initiatives in scope) opens the compliance board of 2026 (with its trend
over both years) and the dashboard; the baseline is the hand-written SQL those pages need,
measured in the same process. The query count is taken at two tree sizes: a commune (11 units)
and the province (1,078 units). Targets (issue 5): under 300 ms, at most 2x the raw SQL, a
query count that does not grow with the units.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vuonlen_bench .venv/bin/python bench/bench_cycle.py
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("VUONLEN_VAR_DIR", str(ROOT / "bench/out"))
# Production settings, as a server runs them: DEBUG off (no query log, no template debugging),
# manifest static files (collected below). BENCH_DEBUG=1 measures the development settings.
if os.environ.get("BENCH_DEBUG") != "1":
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

# The whole schema: on a new scratch database the data set's builders need every app's tables.
call_command("migrate", verbosity=0)
if os.environ.get("BENCH_DEBUG") != "1":
    call_command("collectstatic", interactive=False, verbosity=0)

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from bench.measure import count_queries, median_ms, raw, signed_in_client  # noqa: E402
from bench.national import BRANCHES, COMMUNES, INITIATIVES_PER_COMMUNE, build_initiatives, build_tree, build_youth  # noqa: E402
from units.models import Unit, UnitKind  # noqa: E402

YEARS = (2025, 2026)
REGISTERED = ["registered", "accepted", "under_way", "reported", "closed"]
ACTIVE = ["accepted", "under_way", "reported", "closed"]
REPORTED = ["reported", "closed"]


def wait_for_initiatives(expected: int = COMMUNES * INITIATIVES_PER_COMMUNE) -> None:
    """Another process may be building the initiatives: wait until they are all there."""
    from initiatives.models import Initiative

    while True:
        count = Initiative.objects.count()
        if count >= expected:
            return
        if count == 0:
            build_initiatives()
            continue
        print(f"  waiting for initiatives: {count:,} of {expected:,}", flush=True)
        time.sleep(30)


def build_cycle(*, seed: int = 2026) -> int:
    """Programme years 2025 and 2026 and the communes' submissions, once; returns the submissions."""
    from accounts.models import User
    from cycle.models import Extension, Kind, Period, ProgrammeYear, Submission

    period, _ = Period.objects.get_or_create(name="Giai đoạn 2025–2030", start_year=2025, end_year=2030)
    years = {
        year: ProgrammeYear.objects.get_or_create(
            year=year, defaults={"period": period, "registration_deadline": None, "results_deadline": None}
        )[0]
        for year in YEARS
    }
    if Submission.objects.exists():
        return Submission.objects.count()
    officer, _ = User.objects.get_or_create(username="bench_submitter", defaults={"full_name": "Bench"})
    rng = random.Random(seed)
    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE).order_by("path").values_list("pk", "path"))
    rows, extensions = [], []
    for unit_id, path in communes:
        # (year, kind, chance it was sent): 2025 complete-ish, 2026 registrations only, about 60 %.
        for year, kind, chance in (
            (2025, Kind.REGISTRATION, 0.93),
            (2025, Kind.RESULTS, 0.8),
            (2026, Kind.REGISTRATION, 0.6),
        ):
            if rng.random() > chance:
                continue
            deadline = years[year].deadline(kind)
            late = rng.random() < 0.15
            day = deadline + datetime.timedelta(days=rng.randint(1, 20) if late else -rng.randint(0, 15))
            timeliness = "late" if late else "on_time"
            if late and rng.random() < 0.3:
                timeliness = "extended"
                extensions.append(
                    Extension(
                        unit_id=unit_id, year=years[year], kind=kind, until=day, reason="Bão lũ", granted_by=officer
                    )
                )
            versions = 2 if rng.random() < 0.1 else 1  # returned once, then sent again
            for version in range(1, versions + 1):
                rows.append(
                    Submission(
                        unit_id=unit_id,
                        unit_path=path,
                        year=years[year],
                        kind=kind,
                        version=version,
                        status="returned" if version < versions else rng.choice(["submitted", "accepted", "accepted"]),
                        timeliness=timeliness,
                        submitted_at=datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC),
                        submitted_by=officer,
                        snapshot={"kind": kind, "year": year, "unit_id": unit_id, "initiatives": [], "children": []},
                        content_hash=f"{unit_id:064d}",
                    )
                )
    Submission.objects.bulk_create(rows, batch_size=5000)
    Extension.objects.bulk_create(extensions, batch_size=5000)
    return len(rows)


# The hand-written SQL each page needs (PostgreSQL), for a province path and a year.

# The compliance rows of one or more years (the board reads its year and the trend's at once),
# each source in one statement for all the years. The initiatives are grouped by commune path
# (the bench's communes sit right under the province: the first two path steps).
COMMUNES_SQL = (
    "SELECT u.id, u.path, u.code, u.name, p.name, u.valid_from, u.valid_to FROM units_unit u "
    "LEFT JOIN units_unit p ON p.path = substr(u.path, 1, length(u.path) - 4) "
    "WHERE u.path LIKE %(prefix)s AND u.kind = 'commune' "
    "AND (u.valid_from IS NULL OR u.valid_from <= %(last)s) AND (u.valid_to IS NULL OR u.valid_to >= %(first)s) "
    "ORDER BY u.path"
)
INITIATIVES_SQL = (
    "SELECT y.year, substr(i.unit_path, 1, 8), count(*) FILTER (WHERE i.status = ANY(%(registered)s)), "
    "count(*) FILTER (WHERE i.status = ANY(%(reported)s)) FROM initiatives_initiative i "
    "JOIN initiatives_initiativeyear y ON y.initiative_id = i.id AND y.year = ANY(%(years)s) "
    "WHERE i.unit_path LIKE %(prefix)s GROUP BY 1, 2"
)
SUBMISSIONS_SQL = (
    "SELECT DISTINCT ON (year_id, unit_id, kind) year_id, unit_id, kind, timeliness, status FROM cycle_submission "
    "WHERE year_id = ANY(%(year_ids)s) AND unit_path LIKE %(prefix)s ORDER BY year_id, unit_id, kind, version DESC"
)
EXTENSIONS_SQL = (
    "SELECT e.year_id, e.unit_id, e.kind, e.until FROM cycle_extension e JOIN units_unit u ON u.id = e.unit_id "
    "WHERE e.year_id = ANY(%(year_ids)s) AND u.path LIKE %(prefix)s"
)
# The recognised tile: initiatives recognised for the year (recognition.models.Decision).
DECISIONS_SQL = (
    "SELECT year, unit_path FROM recognition_decision "
    "WHERE year = ANY(%(years)s) AND recognised AND unit_path LIKE %(prefix)s"
)
YEARS_SQL = "SELECT id, year, registration_deadline, results_deadline FROM cycle_programmeyear ORDER BY year"
# The registry's total, per group and per child unit in one pass, with the child units' names.
YOUTH_SQL = (
    "SELECT u.id, u.name, c.* FROM (SELECT substr(unit_path, 1, %(child_len)s) AS child, count(*), "
    + ", ".join(f"count(*) FILTER (WHERE group_bits & {1 << i} > 0)" for i in range(7))
    + " FROM youth_youth WHERE unit_path LIKE %(prefix)s AND deleted_at IS NULL GROUP BY 1) c "
    "JOIN units_unit u ON u.path = c.child"
)
OF_YEAR_SQL = (
    "SELECT i.domain, i.status, count(*) FROM initiatives_initiative i "
    "JOIN initiatives_initiativeyear y ON y.initiative_id = i.id AND y.year = %(year)s "
    "WHERE i.unit_path LIKE %(prefix)s GROUP BY 1, 2"
)
SUPPORT_SQL = (
    "SELECT y.year, count(DISTINCT b.youth_id) FROM initiatives_beneficiary b "
    "JOIN initiatives_initiative i ON i.id = b.initiative_id "
    "JOIN initiatives_initiativeyear y ON y.initiative_id = i.id "
    "WHERE i.unit_path LIKE %(prefix)s AND i.status = ANY(%(active)s) GROUP BY 1"
)
OUTCOMES_SQL = (
    "SELECT y.year, b.outcome, count(DISTINCT b.youth_id) FROM initiatives_beneficiary b "
    "JOIN initiatives_initiative i ON i.id = b.initiative_id "
    "JOIN initiatives_initiativeyear y ON y.initiative_id = i.id "
    "WHERE i.unit_path LIKE %(prefix)s AND i.status = ANY(%(active)s) GROUP BY 1, 2"
)
STATED_SQL = (
    "SELECT y.year, sum(i.supported_count) FROM initiatives_initiative i "
    "JOIN initiatives_initiativeyear y ON y.initiative_id = i.id "
    "WHERE i.unit_path LIKE %(prefix)s AND i.status = ANY(%(reported)s) GROUP BY 1"
)


def params(unit: Unit, years: list) -> dict:
    numbers = [item.year for item in years]
    return {
        "prefix": unit.path + "%",
        "year": numbers[-1],
        "years": numbers,
        "year_ids": [item.pk for item in years],
        "first": datetime.date(min(numbers), 1, 1),
        "last": datetime.date(max(numbers), 12, 31),
        "registered": REGISTERED,
        "reported": REPORTED,
        "active": ACTIVE,
        "child_len": len(unit.path) + Unit.steplen,
    }


def compliance_sql(unit: Unit, years: list) -> list:
    """Compliance rows of the years: communes, their initiatives and decisions, submissions, extensions."""
    values = params(unit, years)
    return [raw(sql, values) for sql in (COMMUNES_SQL, INITIATIVES_SQL, DECISIONS_SQL, SUBMISSIONS_SQL, EXTENSIONS_SQL)]


def board_sql(unit: Unit, year, years) -> list:
    # The year's rows and every other year's for the trend, read together.
    return [raw(YEARS_SQL, []), *compliance_sql(unit, years)]


def dashboard_sql(unit: Unit, year, years) -> list:
    values = params(unit, [year])
    queries = [raw(YEARS_SQL, [])]
    queries += [raw(sql, values) for sql in (YOUTH_SQL, OF_YEAR_SQL, SUPPORT_SQL, OUTCOMES_SQL, STATED_SQL)]
    queries += compliance_sql(unit, [year])
    return queries


def board_figures(user, unit: Unit, year, years) -> None:
    """What the board computes before its template: the year's rows, tiles, units, the trend."""
    from cycle import compliance, dashboards

    by_year = compliance.rows_by_year(unit, years)
    rows = by_year[year.year]
    compliance.summary(rows)
    dashboards.compliance_by_unit(unit, rows)
    dashboards.trend(unit, years, known=by_year)


def dashboard_figures(user, unit: Unit, year, years) -> None:
    from cycle import compliance, dashboards

    dashboards.youth_figures(user, unit)
    dashboards.initiatives_of_year(user, unit, year.year)
    dashboards.support_over_years(user, unit, [item.year for item in years])
    dashboards.compliance_by_unit(unit, compliance.rows(unit, year))


def view_of(client, url: str):
    def view() -> None:
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    return view


def interleaved(functions, rounds: int = 20, warmup: int = 2) -> list[float]:
    """The median time of each function, run in turns so that all meet the same load."""
    for function in functions:
        for _ in range(warmup):
            function()
    samples: list[list[float]] = [[] for _ in functions]
    for _ in range(rounds):
        for function, times in zip(functions, samples, strict=True):
            start = time.perf_counter()
            function()
            times.append((time.perf_counter() - start) * 1000)
    return [statistics.median(times) for times in samples]


def run_all(queries):
    def run() -> None:
        for query in queries:
            query()

    return run


def main() -> None:
    from cycle.models import ProgrammeYear

    if connection.vendor != "postgresql":
        print("note: the raw SQL baseline is written for PostgreSQL (DISTINCT ON, FILTER)")
    province = build_tree()
    build_youth()
    wait_for_initiatives()
    made = build_cycle()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in (
                "cycle_submission",
                "cycle_extension",
                "initiatives_initiative",
                "initiatives_initiativeyear",
                "initiatives_beneficiary",
                "youth_youth",
                "units_unit",
            ):
                cursor.execute(f"VACUUM ANALYZE {table}")
    commune = Unit.objects.filter(kind=UnitKind.COMMUNE, path__startswith=province.path).order_by("path").first()
    years = list(ProgrammeYear.objects.all())
    year = next(item for item in years if item.year == 2026)
    units = Unit.objects.filter(path__startswith=province.path).count()
    print(
        f"database: {connection.vendor}; province: {units:,} units, "
        f"{Unit.objects.filter(path__startswith=province.path, kind=UnitKind.COMMUNE).count()} communes; "
        f"submissions: {made:,}; today: {timezone.localdate():%d/%m/%Y}; medians of 20 requests",
        flush=True,
    )
    pages = {
        "compliance board 2026": (f"/cycle/{year.year}/compliance/", board_sql, board_figures),
        "dashboard 2026": (f"/dashboard/?year={year.year}", dashboard_sql, dashboard_figures),
    }
    counts: dict[str, dict[str, int]] = {}
    for label, unit in (("commune", commune), ("province", province)):
        client = signed_in_client(f"bench_cycle_{label}", unit)
        user = User.objects.get(username=f"bench_cycle_{label}")
        # A signed-in page with no figures (the password form): session, user, memberships, the
        # notification badge, the nav and base template, i.e. the fixed work of every page.
        bare = view_of(client, "/password/change/")
        for page, (url, sql, figures) in pages.items():
            view = view_of(client, url)
            queries = count_queries(view)
            counts.setdefault(page, {})[label] = queries
            if label != "province":
                continue
            baseline = sql(unit, year, years)
            page_ms, figures_ms, raw_ms, bare_ms = interleaved(
                [view, lambda f=figures, u=user, w=unit: f(u, w, year, years), run_all(baseline), bare]
            )
            # The floor: no page can cost less than the fixed work plus the SQL it must run.
            print(
                f"{label} officer: {page:<22} page {page_ms:6.1f} ms ({queries} queries, x{page_ms / raw_ms:3.1f}); "
                f"its figures {figures_ms:5.1f} ms (x{figures_ms / raw_ms:3.1f}); "
                f"raw SQL ({len(baseline)} statements) {raw_ms:5.1f} ms; bare signed-in page {bare_ms:5.1f} ms "
                f"(x{bare_ms / raw_ms:3.1f}; with the raw SQL, the floor: x{(bare_ms + raw_ms) / raw_ms:3.1f})",
                flush=True,
            )
    for page, by_size in counts.items():
        print(
            f"queries, {page}: commune ({1 + BRANCHES} units) {by_size['commune']}, "
            f"province ({units:,} units) {by_size['province']}"
        )
    province_client = signed_in_client("bench_cycle_province", province)
    for fmt in ("xlsx", "docx", "pdf"):

        def document(fmt=fmt) -> None:
            response = province_client.get(f"/cycle/{year.year}/report.{fmt}")
            assert response.status_code == 200, response.status_code
            b"".join(response.streaming_content)

        print(
            f"province officer: yearly report .{fmt:<5} {median_ms(document, rounds=5, warmup=1):7.1f} ms (median of 5)"
        )


if __name__ == "__main__":
    main()
