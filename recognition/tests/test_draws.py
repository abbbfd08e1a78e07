"""Random draws: the same seed gives the same units; over many seeds each unit is drawn at its
expected rate; strata get their proportional share; a redraw records its reason."""

from __future__ import annotations

import datetime
import math
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied

from recognition import draws
from recognition.models import Draw, DrawTarget, Inspection, Strata

# 37 candidates in three strata of unequal size (17, 12, 8): rounding matters.
POOL = [(pk, "A") for pk in range(1, 18)] + [(pk, "B") for pk in range(18, 30)] + [(pk, "C") for pk in range(30, 38)]


def test_same_seed_same_draw_and_another_seed_another():
    first = draws.pick(POOL, 7, "hà tĩnh 2026")
    assert first == draws.pick(list(POOL), 7, "hà tĩnh 2026")
    assert len(first) == 7 and len(set(first)) == 7
    assert any(draws.pick(POOL, 7, f"seed {n}") != first for n in range(5))


def test_each_stratum_gets_its_proportional_share_rounded_at_random():
    for n in range(0, 38):
        for seed in range(20):
            counts = Counter(stratum for pk, stratum in POOL if pk in draws.pick(POOL, n, str(seed)))
            for stratum, size in (("A", 17), ("B", 12), ("C", 8)):
                quota = n * size / 37
                assert math.floor(quota) <= counts[stratum] <= math.ceil(quota)
            assert sum(counts.values()) == n


@pytest.mark.parametrize("stratified", [False, True])
def test_every_candidate_is_drawn_at_the_expected_rate(stratified):
    """Over 4,000 seeds each of 37 candidates should be drawn with probability 7/37. With
    binomial spread σ = sqrt(N p (1-p)), allow 4.5σ (a false alarm about once in 150,000 runs
    per candidate); a biased draw (e.g. always rounding a stratum down) fails by far more."""
    pool = POOL if stratified else [(pk, "") for pk, _ in POOL]
    seeds, n = 4000, 7
    p = n / len(pool)
    counts = Counter(pk for seed in range(seeds) for pk in draws.pick(pool, n, f"fair-{seed}"))
    sigma = math.sqrt(seeds * p * (1 - p))
    for pk, _stratum in pool:
        assert abs(counts[pk] - seeds * p) < 4.5 * sigma, (pk, counts[pk], seeds * p)


def test_how_many_from_a_number_or_a_share():
    assert draws.how_many(69, size=10, share=None) == 10
    assert draws.how_many(69, size=None, share=10) == 7  # 6.9 rounded up
    assert draws.how_many(5, size=10, share=None) == 5


@pytest.mark.django_db
def test_a_stored_draw_verifies_and_a_redraw_needs_a_reason(persona, unit):
    province = unit("42")
    draw = draws.create_draw(province, year=2026, size=5, by=persona("prov_officer"))
    assert len(draw.drawn) == 5 and draws.verify(draw)
    assert len(draw.candidates) == 69  # the communes in force in 2026
    draw.drawn = sorted([*draw.drawn[:-1], draw.candidates[0][0] if draw.candidates[0][0] not in draw.drawn else 0])
    assert not draws.verify(draw)  # a tampered result is detected
    with pytest.raises(draws.DrawRefused):
        draws.create_draw(province, year=2026, size=5, by=persona("prov_officer"), replaces=draw, reason=" ")
    again = draws.create_draw(province, year=2026, size=5, by=persona("prov_officer"), replaces=draw, reason="Sai năm")
    assert again.replaces_id == draw.pk and Draw.objects.get(pk=draw.pk).is_current is False
    with pytest.raises(draws.DrawRefused):  # never replaced twice
        draws.create_draw(province, year=2026, size=5, by=persona("prov_officer"), replaces=draw, reason="Lần nữa")


@pytest.mark.django_db
def test_units_inspected_lately_are_left_out_when_asked(persona, unit):
    province = unit("42")
    thanh_sen = unit("18073")
    Inspection.objects.create(
        unit=thanh_sen,
        year=2025,
        team="Đoàn kiểm tra",
        inspected_on=datetime.date(2025, 5, 1),
        inspected_by=province,
        created_by=persona("prov_officer"),
    )
    pool = draws.candidates(province, 2026, DrawTarget.UNITS, Strata.NONE, exclude_years=2)
    assert thanh_sen.pk not in {pk for pk, _ in pool}
    assert thanh_sen.pk in {pk for pk, _ in draws.candidates(province, 2026, DrawTarget.UNITS, Strata.NONE, 0)}


@pytest.mark.django_db
def test_stratified_by_former_district_groups_new_communes_by_their_predecessors(persona, unit):
    pool = draws.candidates(unit("42"), 2026, DrawTarget.UNITS, Strata.PARENT, 0)
    strata = {stratum for _pk, stratum in pool}
    assert len(strata) > 5  # the former district-level unions, not one province-wide stratum


@pytest.mark.django_db
def test_only_officers_of_the_unit_or_above_draw(persona, unit):
    with pytest.raises(PermissionDenied):
        draws.create_draw(unit("42"), year=2026, size=3, by=persona("prov_viewer"))
    with pytest.raises(PermissionDenied):
        draws.create_draw(unit("42"), year=2026, size=3, by=persona("officer_a"))
