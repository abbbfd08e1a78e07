"""Demo programme calendar for `make run`: the current period and its first years (demo mode only)."""

from __future__ import annotations

from cycle.models import Kind, Period, ProgrammeYear, default_deadline

# (name, first year, last year, note, years given a page)
DEMO_PERIODS = [
    ("Giai đoạn 2023–2025", 2023, 2025, "Dữ liệu minh hoạ.", [2025]),
    ("Giai đoạn 2026–2030", 2026, 2030, "Dữ liệu minh hoạ.", [2026]),
]


def seed_cycle() -> None:
    """Create what is missing, with the guideline's deadlines (20/03 and 10/10); idempotent."""
    for name, start, end, note, years in DEMO_PERIODS:
        period, _created = Period.objects.get_or_create(
            name=name, defaults={"start_year": start, "end_year": end, "note": note}
        )
        for year in years:
            if not ProgrammeYear.objects.filter(year=year).exists():
                ProgrammeYear.objects.create(
                    period=period,
                    year=year,
                    registration_deadline=default_deadline(year, Kind.REGISTRATION),
                    results_deadline=default_deadline(year, Kind.RESULTS),
                )
