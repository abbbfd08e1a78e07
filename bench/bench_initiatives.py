"""Initiatives at national scale: the list page and Biểu mẫu 03, each beside its baseline.

The national data set (bench/national.py): 3,321 commune unions, 1,000,000 young people and
about 20,000 initiatives over two years, with steps, activities, five linked beneficiaries each
and, for those that reported, links and the signed confirmation.

- The list, for a province officer (about 600 initiatives in scope) and a commune officer
  (6), beside the hand-written SQL the page needs: the status counts, the page of 25 with its
  units and years, the year choices.
- Biểu mẫu 03 of a province for 2025 to .xlsx, beside a bare XlsxWriter loop writing the same
  cells from hand-written SQL (rows/s; the ratio is the figure).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vuonlen_bench .venv/bin/python bench/bench_initiatives.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.national import build_initiatives, build_tree, build_youth, setup_django

setup_django()

from django.db import connection  # noqa: E402

from bench.measure import count_queries, median_ms, raw, report, signed_in_client  # noqa: E402
from units.models import Unit, UnitKind  # noqa: E402

SCOPE = "i.unit_path LIKE %s"
STATUS_SQL = f"SELECT i.status, COUNT(*) FROM initiatives_initiative i WHERE {SCOPE} GROUP BY i.status"
PAGE_SQL = (
    "SELECT i.id, i.name, i.status, i.domain, i.kind, i.updated_at, u.name FROM initiatives_initiative i "
    f"JOIN units_unit u ON u.id = i.unit_id WHERE {SCOPE} ORDER BY i.updated_at DESC, i.id DESC LIMIT 25"
)
PAGE_YEARS_SQL = (
    "SELECT initiative_id, year FROM initiatives_initiativeyear WHERE initiative_id IN "
    f"(SELECT i.id FROM initiatives_initiative i WHERE {SCOPE} ORDER BY i.updated_at DESC, i.id DESC LIMIT 25)"
)
YEARS_SQL = (
    "SELECT DISTINCT y.year FROM initiatives_initiativeyear y JOIN initiatives_initiative i "
    f"ON i.id = y.initiative_id WHERE {SCOPE} ORDER BY y.year DESC"
)

# Biểu mẫu 03's cells by hand: the initiatives with their unit and confirmation, then their
# beneficiaries, coordinating units and evidence, as the form reads them.
FORM03_SQL = (
    "SELECT i.id, u.name, i.name, i.content, i.results, i.supported_count, i.area, i.start_date, "
    "c.confirmer_title, c.confirmer_name FROM initiatives_initiative i "
    "JOIN units_unit u ON u.id = i.unit_id JOIN initiatives_confirmation c ON c.initiative_id = i.id "
    "JOIN initiatives_initiativeyear y ON y.initiative_id = i.id AND y.year = %s "
    "WHERE i.unit_path LIKE %s AND i.status IN ('reported', 'closed') ORDER BY i.unit_path, i.id"
)
PEOPLE_SQL = (
    "SELECT b.initiative_id, p.full_name, p.village, p.phone FROM initiatives_beneficiary b "
    "JOIN youth_youth p ON p.id = b.youth_id WHERE b.initiative_id = ANY(%s) AND p.deleted_at IS NULL"
)
EVIDENCE_SQL = "SELECT initiative_id, title, url FROM initiatives_evidence WHERE initiative_id = ANY(%s)"


FILTERED = (
    " AND i.name_key LIKE %s AND EXISTS (SELECT 1 FROM initiatives_initiativeyear fy "
    "WHERE fy.initiative_id = i.id AND fy.year = %s)"
)


def list_baseline(prefix: str, key: str | None = None, year: int | None = None):
    """The page's SQL by hand; with `key` and `year`, narrowed as the filtered page is."""
    queries = []
    for sql in (STATUS_SQL, PAGE_SQL, PAGE_YEARS_SQL, YEARS_SQL):
        params: list = [prefix + "%"]
        if key is not None and sql is not YEARS_SQL:
            sql = sql.replace(f"WHERE {SCOPE}", f"WHERE {SCOPE}{FILTERED}")
            params += [f"%{key}%", year]
        queries.append(raw(sql, params))

    def run() -> None:
        for query in queries:
            query()

    return run


def bare_form03(unit: Unit, year: int, out) -> int:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False})
    sheet = workbook.add_worksheet()
    with connection.cursor() as cursor:
        cursor.execute(FORM03_SQL, [year, unit.path + "%"])
        initiatives = cursor.fetchall()
        ids = [row[0] for row in initiatives]
        people: dict[int, list[str]] = {}
        cursor.execute(PEOPLE_SQL, [ids])
        for initiative_id, name, village, phone in cursor.fetchall():
            people.setdefault(initiative_id, []).append(f"{name}, {village}, {phone}")
        proofs: dict[int, list[str]] = {}
        cursor.execute(EVIDENCE_SQL, [ids])
        for initiative_id, title, url in cursor.fetchall():
            proofs.setdefault(initiative_id, []).append(url or title)
    for number, (pk, unit_name, name, content, results, count, area, start, title, who) in enumerate(initiatives, 1):
        sheet.write_number(number, 0, number)
        sheet.write_string(number, 1, unit_name)
        sheet.write_string(number, 2, "")
        sheet.write_string(number, 3, f"{name}\n{area}\n{start}\n{count}\n{content}\n{results}")
        sheet.write_string(number, 4, "\n".join(people.get(pk, [])))
        sheet.write_string(number, 5, "\n".join([*proofs.get(pk, []), f"{title} {who}"]))
    workbook.close()
    return len(initiatives)


def timed(fn, rounds: int = 5) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(rounds):
        with tempfile.TemporaryFile() as out:
            start = time.perf_counter()
            rows = fn(out)
            best = min(best, time.perf_counter() - start)
    return best, rows


def main() -> None:
    province = build_tree()
    print("building the national data set (once)…", flush=True)
    build_youth()
    build_initiatives()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    commune = Unit.objects.filter(kind=UnitKind.COMMUNE, path__startswith=province.path).order_by("path").first()
    cases = []
    for label, unit in (("province", province), ("commune", commune)):
        client = signed_in_client(f"bench_{label}", unit)

        def page(params, client=client):
            def run() -> None:
                response = client.get("/initiatives/", params)
                assert response.status_code == 200, response.status_code

            return run

        view = page({})
        cases.append(
            (
                f"{label} officer: list",
                median_ms(view),
                count_queries(view),
                "raw SQL",
                median_ms(list_baseline(unit.path)),
            )
        )
        view = page({"year": "2025", "q": "huong nghiep"})
        cases.append(
            (
                f"{label} officer: year + search",
                median_ms(view),
                count_queries(view),
                "raw SQL",
                median_ms(list_baseline(unit.path, "huong nghiep", 2025)),
            )
        )
    print(f"database: {connection.vendor}; medians of 20 requests")
    report(cases)

    from accounts.models import User
    from initiatives import exports

    user = User.objects.get(username="bench_province")
    app_s, app_rows = timed(lambda out: exports.write("03", user, province, 2025, "xlsx", out))
    bare_s, bare_rows = timed(lambda out: bare_form03(province, 2025, out))
    print(
        f"Biểu mẫu 03, a province, 2025: {app_rows} rows in {app_s:.3f} s ({app_rows / app_s:,.0f} rows/s); "
        f"bare XlsxWriter loop: {bare_rows} rows in {bare_s:.3f} s ({bare_rows / bare_s:,.0f} rows/s); "
        f"× bare {(app_rows / app_s) / (bare_rows / bare_s):.2f} (best of 5)"
    )


if __name__ == "__main__":
    main()
