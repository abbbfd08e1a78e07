"""Scoped unit lists at national scale, beside the raw SQL they need.

Builds 34 province roots, 3,321 commune unions and 10 branches under each (36,565 units) in a
scratch database, then measures, for a province officer:
  - the unit list page (`/units/?q=…`, full request through the test client) and the API list
    (`/api/v1/units`), server side;
  - the same rows fetched by one hand-written SQL statement (the baseline).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("VUONLEN_VAR_DIR", str(Path(__file__).resolve().parent / "out"))

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from accounts.models import Membership, User  # noqa: E402
from bench.national import build_tree  # noqa: E402
from core.vntext import fold  # noqa: E402
from units.models import Unit  # noqa: E402

ROUNDS = 30


def build() -> Unit:
    return build_tree()


def count_queries(fn) -> int:
    """Queries one call makes (the request_started signal clears connection.queries, so count
    them with an execute wrapper instead)."""
    calls = []
    with connection.execute_wrapper(
        lambda execute, sql, params, many, context: calls.append(sql) or execute(sql, params, many, context)
    ):
        fn()
    return len(calls)


def timed(fn) -> float:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    province = build()
    user, _ = User.objects.get_or_create(username="bench_officer", defaults={"full_name": "Bench"})
    Membership.objects.get_or_create(user=user, unit=province, defaults={"role": "officer"})
    client = Client()
    client.force_login(user)
    key = fold("phuoc hoa 1")
    raw_sql = (
        "SELECT u.id, u.name, u.code, u.kind, u.valid_from, u.valid_to, p.name FROM units_unit u "
        "LEFT JOIN units_unit p ON p.path = substr(u.path, 1, length(u.path) - 4) "
        "WHERE u.path LIKE %s AND u.search_key LIKE %s "
        "AND (u.valid_from IS NULL OR u.valid_from <= CURRENT_DATE) "
        "AND (u.valid_to IS NULL OR u.valid_to >= CURRENT_DATE) ORDER BY u.path LIMIT 50"
    )
    api_sql = (
        "SELECT u.id, u.code, u.name, u.kind, u.depth, u.valid_from, u.valid_to, p.id FROM units_unit u "
        "LEFT JOIN units_unit p ON p.path = substr(u.path, 1, length(u.path) - 4) "
        "WHERE u.path LIKE %s AND (u.valid_from IS NULL OR u.valid_from <= CURRENT_DATE) "
        "AND (u.valid_to IS NULL OR u.valid_to >= CURRENT_DATE) ORDER BY u.path LIMIT 100"
    )

    def raw(sql, params):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                cursor.fetchall()

        return run

    count_sql = (
        "SELECT COUNT(*) FROM units_unit u WHERE u.path LIKE %s "
        "AND (u.valid_from IS NULL OR u.valid_from <= CURRENT_DATE) "
        "AND (u.valid_to IS NULL OR u.valid_to >= CURRENT_DATE)"
    )

    def raw_list():
        raw(count_sql + " AND u.search_key LIKE %s", [province.path + "%", f"%{key}%"])()
        raw(raw_sql, [province.path + "%", f"%{key}%"])()

    def raw_api():
        raw(count_sql, [province.path + "%"])()
        raw(api_sql, [province.path + "%"])()

    def page(url, **params):
        def run():
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code

        return run

    list_queries = count_queries(page("/units/", q="phuoc hoa 1"))
    api_queries = count_queries(page("/api/v1/units"))
    results = [
        (
            "unit list page, search 'phuoc hoa 1'",
            timed(page("/units/", q="phuoc hoa 1")),
            list_queries,
            "raw SQL, count + same rows",
            timed(raw_list),
        ),
        (
            "API /units, first 100",
            timed(page("/api/v1/units")),
            api_queries,
            "raw SQL, count + same rows",
            timed(raw_api),
        ),
    ]
    print(f"database: {connection.vendor}; units: {Unit.objects.count():,}; median of {ROUNDS} rounds")
    for label, ms, queries, base_label, base_ms in results:
        print(
            f"{label:<40} {ms:8.2f} ms ({queries} queries)   "
            f"{base_label}: {base_ms:7.2f} ms   ratio {ms / base_ms:6.1f}×"
        )


if __name__ == "__main__":
    main()
