"""Timing helpers shared by the bench scripts: medians, query counts, a signed-in client."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], rounds: int = 20, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def count_queries(fn: Callable[[], object]) -> int:
    """Queries one call makes (request_started clears connection.queries, so wrap execute)."""
    from django.db import connection

    calls: list[str] = []

    def wrapper(execute, sql, params, many, context):
        calls.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        fn()
    return len(calls)


def raw(sql: str, params: list) -> Callable[[], None]:
    from django.db import connection

    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return run


def signed_in_client(username: str, unit, role: str = "officer"):
    from django.conf import settings
    from django.test import Client

    from accounts.models import Membership, User

    # No setup_test_environment(): its instrumented template rendering would be timed too.
    settings.ALLOWED_HOSTS = ["testserver"]
    user, _ = User.objects.get_or_create(username=username, defaults={"full_name": username})
    Membership.objects.get_or_create(user=user, unit=unit, defaults={"role": role})
    client = Client()
    client.force_login(user)
    return client


def report(rows: list[tuple[str, float, int, str, float]]) -> None:
    for label, ms, queries, base_label, base_ms in rows:
        print(
            f"{label:<46} {ms:8.1f} ms ({queries:2d} queries)   {base_label}: {base_ms:7.1f} ms   ×{ms / base_ms:5.1f}"
        )
