"""Random inspection draws: reproducible, fair, stratified if asked.

`pick(candidates, n, seed)` is a pure function: the same candidates (in the stored order), the
same number and the same seed give the same units, on any machine (random.Random seeded with a
string hashes it with SHA-512, independently of PYTHONHASHSEED). With strata, each stratum gets
its proportional share; the fractional parts of the shares are rounded by systematic sampling,
so every candidate has the same chance, n / N, whatever stratum it is in.
"""

from __future__ import annotations

import math
import random
import secrets
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.auditing import acting_as
from core.vntext import nfc_text
from initiatives.choices import REGISTERED_STATUSES
from initiatives.models import Initiative
from recognition.models import Draw, DrawTarget, Inspection, Strata
from units.models import Unit
from units.scoping import Capability

Candidate = tuple[int, str]  # (id, stratum)


class DrawRefused(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def how_many(total: int, *, size: int | None, share: Decimal | float | None) -> int:
    """The number to draw: `size`, or `share` % of the candidates rounded up; never more than there are."""
    wanted = size if size is not None else math.ceil(total * float(share or 0) / 100)
    return max(0, min(total, wanted))


def allocate(sizes: dict[str, int], n: int, rng: random.Random) -> dict[str, int]:
    """Split `n` over strata in proportion to their sizes, rounding by systematic sampling."""
    total = sum(sizes.values())
    if total == 0 or n == 0:
        return dict.fromkeys(sizes, 0)
    quotas = {key: n * size / total for key, size in sizes.items()}
    given = {key: math.floor(q) for key, q in quotas.items()}
    remaining = n - sum(given.values())
    if remaining:
        start = rng.random()
        points = [start + k for k in range(remaining)]
        cumulative = 0.0
        for key in sorted(quotas):
            low, cumulative = cumulative, cumulative + (quotas[key] - given[key])
            given[key] += sum(1 for p in points if low <= p < cumulative)
    return given


def pick(candidates: Sequence[Candidate], n: int, seed: str) -> list[int]:
    # Reproducibility, not secrecy, is what the generator must give; the seed comes from `secrets`.
    rng = random.Random(seed)  # noqa: S311
    by_stratum: dict[str, list[int]] = defaultdict(list)
    for pk, stratum in candidates:
        by_stratum[stratum].append(pk)
    shares = allocate({key: len(ids) for key, ids in by_stratum.items()}, n, rng)
    drawn: list[int] = []
    for key in sorted(by_stratum):
        drawn.extend(rng.sample(sorted(by_stratum[key]), shares[key]))
    return sorted(drawn)


def _former_district(units: list[Unit]) -> dict[int, str]:
    """For communes that hang directly under the province (since 2025): the district-level union
    their predecessors belonged to, as the cluster to stratify by (one query)."""
    links = Unit.successors.through.objects.filter(to_unit__in=[u.pk for u in units]).values_list(
        "to_unit_id", "from_unit__path", "from_unit__depth"
    )
    found: dict[int, str] = {}
    for unit_id, path, depth in sorted(links, key=lambda link: (link[0], link[1])):
        if depth > 1 and unit_id not in found:
            found[unit_id] = path[: -Unit.steplen]
    return found


def candidates(unit: Unit, year: int, target: str, strata: str, exclude_years: int) -> list[Candidate]:
    """Who may be drawn, in a fixed order, each with its stratum."""
    from cycle.compliance import communes

    recent: set[int] = set()
    if exclude_years:
        recent = set(
            Inspection.objects.filter(
                unit_path__startswith=unit.path, year__gte=year - exclude_years, year__lte=year
            ).values_list("unit_id", flat=True)
        )
    if target == DrawTarget.INITIATIVES:
        rows = (
            Initiative.objects.filter(unit_path__startswith=unit.path, years__year=year, status__in=REGISTERED_STATUSES)
            .exclude(unit_id__in=recent)
            .order_by("pk")
            .distinct()
        )
        return [
            (i.pk, i.domain if strata == Strata.DOMAIN else (i.unit_path[: -Unit.steplen] if strata else ""))
            for i in rows.only("pk", "domain", "unit_path")
        ]
    units = list(communes(unit, year).exclude(pk__in=recent).order_by("pk"))
    if strata != Strata.PARENT:
        return [(u.pk, "") for u in units]
    former = _former_district([u for u in units if u.depth <= 2])
    return [(u.pk, former.get(u.pk, u.path[: -Unit.steplen])) for u in units]


def create_draw(
    unit: Unit,
    *,
    year: int,
    target: str = DrawTarget.UNITS,
    size: int | None = None,
    share: Decimal | None = None,
    strata: str = Strata.NONE,
    exclude_years: int = 0,
    by,
    seed: str | None = None,
    replaces: Draw | None = None,
    reason: str = "",
) -> Draw:
    """Draw and store everything needed to check it later; a redraw must say why."""
    if not by.can(Capability.WRITE, unit):
        raise PermissionDenied
    if size is None and share is None:
        raise DrawRefused(_("Say how many to draw, or what share."))
    reason = nfc_text(reason)
    if replaces is not None and not reason:
        raise DrawRefused(_("A redraw must record its reason."))
    if target == DrawTarget.UNITS and strata == Strata.DOMAIN:
        raise DrawRefused(_("Units can be stratified by former district or cluster, not by domain."))
    with transaction.atomic(), acting_as(by):
        if replaces is not None:
            replaces = Draw.objects.select_for_update().get(pk=replaces.pk)
            if Draw.objects.filter(replaces=replaces).exists():
                raise DrawRefused(_("This draw was already replaced."))
        pool = candidates(unit, year, target, strata, exclude_years)
        seed = seed or secrets.token_hex(16)
        n = how_many(len(pool), size=size, share=share)
        return Draw.objects.create(
            unit=unit,
            year=year,
            target=target,
            size=size,
            share=share,
            strata=strata,
            exclude_years=exclude_years,
            seed=seed,
            candidates=[list(c) for c in pool],
            drawn=pick(pool, n, seed),
            replaces=replaces,
            redraw_reason=reason,
            created_by=by,
        )


def verify(draw: Draw) -> bool:
    """Redo the draw from what is stored: the same result proves nobody changed it."""
    pool = [(pk, stratum) for pk, stratum in draw.candidates]
    return pick(pool, how_many(len(pool), size=draw.size, share=draw.share), draw.seed) == draw.drawn


def drawn_objects(draw: Draw) -> list:
    model = Initiative if draw.target == DrawTarget.INITIATIVES else Unit
    found = {obj.pk: obj for obj in model.objects.filter(pk__in=draw.drawn)}
    return [found[pk] for pk in draw.drawn if pk in found]
