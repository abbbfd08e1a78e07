"""The registry at national scale: list and search server time beside the raw SQL they need.

1,000,000 young people over 3,321 commune unions in 34 provinces (bench/national.py). A
province officer (about 29,000 records in scope) and a commune officer (about 300) open the
list and search by name without diacritics. Target (issue 3): under 150 ms on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vuonlen_bench .venv/bin/python bench/bench_youth.py [N]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.national import YOUTH, build_tree, build_youth, setup_django

setup_django()

from django.db import connection  # noqa: E402

from bench.measure import count_queries, median_ms, raw, report, signed_in_client  # noqa: E402
from core.vntext import fold  # noqa: E402
from units.models import Unit, UnitKind  # noqa: E402

# The rows the page shows, written by hand: the count, the counts per group, the page with
# its units, and the page's group rows.
LIST_SQL = (
    "SELECT y.id, y.full_name, y.birth_year, y.phone, y.status, u.name FROM youth_youth y "
    "JOIN units_unit u ON u.id = y.unit_id WHERE y.unit_path LIKE %s AND y.deleted_at IS NULL "
    "{extra} ORDER BY y.sort_key, y.id LIMIT 25"
)
COUNT_SQL = "SELECT COUNT(*) FROM youth_youth y WHERE y.unit_path LIKE %s AND y.deleted_at IS NULL {extra}"
GROUPS_SQL = (
    "SELECT " + ", ".join(f"COUNT(*) FILTER (WHERE y.group_bits & {1 << i} > 0)" for i in range(7)) + " "
    "FROM youth_youth y WHERE y.unit_path LIKE %s AND y.deleted_at IS NULL {extra}"
)
PAGE_GROUPS_SQL = (
    'SELECT youth_id, "group" FROM youth_youthgroup WHERE youth_id IN (SELECT y.id FROM youth_youth y '
    "WHERE y.unit_path LIKE %s AND y.deleted_at IS NULL {extra} ORDER BY y.sort_key, y.id LIMIT 25)"
)


def baseline(prefix: str, key: str | None):
    extra = "AND y.name_key LIKE %s" if key else ""
    params = [prefix + "%"] + ([f"%{key}%"] if key else [])
    queries = [raw(sql.format(extra=extra), params) for sql in (COUNT_SQL, GROUPS_SQL, LIST_SQL, PAGE_GROUPS_SQL)]

    def run() -> None:
        for query in queries:
            query()

    return run


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else YOUTH
    province = build_tree()
    print(f"building {total:,} young people (once)…", flush=True)
    build_youth(total)
    commune = Unit.objects.filter(kind=UnitKind.COMMUNE, path__startswith=province.path).order_by("path").first()
    if connection.vendor == "postgresql":
        # As after autovacuum on a live server: statistics and the visibility map are current.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE youth_youth")
    cases = []
    for label, unit in (("province", province), ("commune", commune)):
        client = signed_in_client(f"bench_{label}", unit)

        def page(params, client=client):
            def run() -> None:
                response = client.get("/youth/", params)
                assert response.status_code == 200, response.status_code

            return run

        for what, params, key in (
            ("list", {}, None),
            ("search 'nguyen van an'", {"q": "nguyen van an"}, "nguyen van an"),
        ):
            view = page(params)
            cases.append(
                (
                    f"{label} officer: {what}",
                    median_ms(view),
                    count_queries(view),
                    "raw SQL",
                    median_ms(baseline(unit.path, key and fold(key))),
                )
            )
    print(f"database: {connection.vendor}; young people: {total:,}; medians of 20 requests")
    report(cases)


if __name__ == "__main__":
    main()
