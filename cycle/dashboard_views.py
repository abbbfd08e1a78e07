"""The compliance board, the dashboard and the yearly report: read-only, live, scoped.

Each page is for one unit's subtree (`?unit=`, within the user's scope: 404 outside it, as for
a missing one; by default the user's first unit). The board's tiles, the list a tile opens and
that list's export are `compliance.summary`, `compliance.select` and the same selection
written out: they cannot disagree.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from cycle import compliance, dashboards, report
from cycle.models import Kind, ProgrammeYear, Submission, Timeliness
from initiatives.choices import Domain, Outcome
from initiatives.choices import Status as InitiativeStatus
from units.models import Unit
from units.scoping import get_for_user
from youth.choices import TargetGroup

KIND_LABELS: dict[str, Any] = {
    Kind.REGISTRATION: gettext_lazy("Registration"),
    Kind.RESULTS: gettext_lazy("Results report"),
}
STATE_LABELS: dict[str, Any] = {
    Timeliness.ON_TIME: gettext_lazy("On time"),
    Timeliness.EXTENDED: gettext_lazy("Within the extension"),
    Timeliness.LATE: gettext_lazy("Late"),
    Timeliness.MISSING: gettext_lazy("Missing"),
    compliance.PENDING: gettext_lazy("Not yet due"),
}
STATE_COLOURS: dict[str, str] = {
    Timeliness.ON_TIME: "success",
    Timeliness.EXTENDED: "info",
    Timeliness.LATE: "warning",
    Timeliness.MISSING: "danger",
    compliance.PENDING: "secondary",
}
FILTER_LABELS = {
    "all": gettext_lazy("All commune unions"),
    "registered": gettext_lazy("With a registered initiative"),
    "not_registered": gettext_lazy("Without a registered initiative"),
    "reported": gettext_lazy("With reported results"),
    "not_reported": gettext_lazy("Without reported results"),
    "recognised": gettext_lazy("With a recognised initiative"),
}


def filter_label(name: str) -> str:
    if name in FILTER_LABELS:
        return str(FILTER_LABELS[name])
    kind, _sep, state = name.partition("_")
    return _("%(kind)s: %(state)s") % {"kind": KIND_LABELS[kind], "state": STATE_LABELS[state]}


def _unit_for(request) -> Unit:
    """`?unit=<id>` within the user's scope (404 outside it, as for a missing one); else their first unit."""
    unit_id = request.GET.get("unit")
    if unit_id:
        return get_for_user(Unit, request.user, unit_id)
    memberships = request.user.active_memberships
    if not memberships:
        raise Http404
    return memberships[0].unit


def _parent_in_scope(user, unit: Unit) -> Unit | None:
    """The union above, for the way back up, if the user may read it."""
    if unit.depth <= 1:
        return None
    return Unit.objects.visible_to(user).filter(path=unit.path[: -Unit.steplen]).first()


def _board_url(year: int, unit_id: int, show: str = "all") -> str:
    query = {"unit": unit_id} | ({"show": show} if show != "all" else {})
    return f"{reverse('compliance_board', args=[year])}?{urlencode(query)}"


def _chart(key: str, title, kind: str, labels, series, **options) -> dict:
    """What dashboard.js draws and the table under the chart shows: the same numbers."""
    return {
        "key": key,
        "title": str(title),
        "type": kind,
        "labels": [str(label) for label in labels],
        "series": [{"label": str(label), "data": list(values)} for label, values in series],
        **options,
    }


def _list_html(rows: list[compliance.Row]) -> SafeString:
    """The rows of the board's list as table rows, built in Python as the admin builds its change
    list (`items_for_result`): every text from the database or a catalogue goes through `escape`,
    and the status cells (a handful of distinct ones) are built once. A hundred communes take a
    fraction of a template loop's time."""
    labels = {
        "under": escape(_("Under")),
        "registered": escape(_("Registered")),
        "reported": escape(_("Results reported")),
    }
    kind_labels: dict[str, str] = {Kind.REGISTRATION: _("Registration"), Kind.RESULTS: _("Results report")}
    states = {state: str(label) for state, label in STATE_LABELS.items()}
    statuses = {status: str(label) for status, label in Submission.Status.choices}
    cells: dict[tuple[str, str, str], SafeString] = {}

    def cell(row: compliance.Row, kind: str) -> SafeString:
        key = (kind, row.submissions.get(kind, ""), row.statuses.get(kind, ""))
        if key not in cells:
            _kind, state, status = key
            cells[key] = format_html(
                '<td data-label="{}"><span class="badge text-bg-{}">{}</span>{}</td>',
                kind_labels[kind],
                STATE_COLOURS.get(state, "secondary"),
                states.get(state, ""),
                format_html(' <span class="small text-body-secondary">{}</span>', statuses[status])
                if status in statuses
                else "",
            )
        return cells[key]

    lines = []
    for row in rows:
        code = f' <span class="small fw-normal text-body-secondary">({escape(row.code)})</span>' if row.code else ""
        lines.append(
            f'<tr data-testid="compliance-row"><td class="fw-semibold">{escape(row.name)}{code}</td>'
            f'<td data-label="{labels["under"]}">{escape(row.parent_name)}</td>'
            f'<td data-label="{labels["registered"]}" class="text-sm-end">{int(row.registered)}</td>'
            f'<td data-label="{labels["reported"]}" class="text-sm-end">{int(row.reported)}</td>'
            f"{cell(row, Kind.REGISTRATION)}{cell(row, Kind.RESULTS)}</tr>"
        )
    return mark_safe("\n".join(lines))  # noqa: S308  (every value above is escaped)


@require_GET
def compliance_board(request, year: int):
    unit = _unit_for(request)
    years = list(ProgrammeYear.objects.all())
    programme_year = next((item for item in years if item.year == year), None)
    if programme_year is None:
        raise Http404
    # The year and its trend in one pass: each source read once for all the years.
    by_year = compliance.rows_by_year(unit, years)
    rows = by_year[year]
    summary = compliance.summary(rows)
    show = request.GET.get("show", "all")
    show = show if show in compliance.FILTERS else "all"
    shown = compliance.select(rows, show)
    trend = dashboards.trend(unit, years, known=by_year)
    by_unit = dashboards.compliance_by_unit(unit, rows)
    tiles = [
        (name, filter_label(name), summary.counts[name], _board_url(year, unit.pk, name))
        for name in ("registered", "reported", "recognised")
    ]
    timeliness = [
        (
            KIND_LABELS[kind],
            programme_year.deadline(kind),
            [
                (STATE_LABELS[state], summary.counts[f"{kind}_{state}"], f"{kind}_{state}")
                for state in compliance.TIMELINESS_STATES
            ],
        )
        for kind in Kind.values
    ]
    trend_chart = _chart(
        "trend",
        _("Commune unions meeting the target, by year (%)"),
        "line",
        [item.year for item, _summary in trend],
        [
            (_("With a registered initiative"), [s.registered_share for _year, s in trend]),
            (_("With reported results"), [s.reported_share for _year, s in trend]),
        ],
        percent=True,
    )
    context = {
        "unit": unit,
        "year": programme_year,
        "years": years,
        "parent": _parent_in_scope(request.user, unit),
        "summary": summary,
        "tiles": tiles,
        "timeliness": timeliness,
        "states": [STATE_LABELS[state] for state in compliance.TIMELINESS_STATES],
        "show": show,
        "show_label": filter_label(show),
        "shown": shown,
        "shown_html": _list_html(shown),
        # Worth a table when some child unit has commune unions below it (a district-level union):
        # communes directly below are the list itself.
        "by_unit": [(item, "" if item.is_row else _board_url(year, item.child.unit_id)) for item in by_unit]
        if any(not item.is_row for item in by_unit)
        else [],
        "trend": trend,
        "data": {"charts": [trend_chart]},
        "export_url": f"{reverse('compliance_export', args=[year])}?{urlencode({'unit': unit.pk, 'show': show})}",
        "all_url": _board_url(year, unit.pk),
    }
    return render(request, "cycle/compliance_board.html", context)


@require_GET
def compliance_export(request, year: int):
    """The rows the board lists under `show`, exactly, as .xlsx in the union's format."""
    unit = _unit_for(request)
    programme_year = get_object_or_404(ProgrammeYear, year=year)
    show = request.GET.get("show", "all")
    show = show if show in compliance.FILTERS else "all"
    shown = compliance.select(compliance.rows(unit, programme_year), show)
    document = report.compliance_document(unit, programme_year, shown, show)
    return report.response(document, "xlsx", report.compliance_names(unit, programme_year, show))


@require_GET
def cycle_report(request, year: str, fmt: str):
    unit = _unit_for(request)
    programme_year = get_object_or_404(ProgrammeYear, year=int(year))
    document = report.yearly_report(request.user, unit, programme_year)
    return report.response(document, fmt, report.report_names(unit, programme_year, fmt))


def _dashboard_year(request, years: list[ProgrammeYear]) -> ProgrammeYear | None:
    """`?year=` among the programme years (404 for another); else this year's, or the latest."""
    wanted = request.GET.get("year")
    if wanted:
        found = next((item for item in years if str(item.year) == wanted.strip()), None)
        if found is None:
            raise Http404
        return found
    this_year = timezone.localdate().year
    return next((item for item in years if item.year == this_year), years[-1] if years else None)


@require_GET
def dashboard(request):
    unit = _unit_for(request)
    user = request.user
    years = list(ProgrammeYear.objects.all())
    year = _dashboard_year(request, years)
    year_number = year.year if year else timezone.localdate().year
    rows = compliance.rows(unit, year) if year else []
    of_year = dashboards.initiatives_of_year(user, unit, year_number)
    youth = dashboards.youth_figures(user, unit)
    entries = [
        *_youth_charts(youth, year),
        *_initiative_charts(of_year, year_number),
        *_support_charts(dashboards.support_over_years(user, unit, [item.year for item in years])),
    ]
    if year is not None:
        entries.append(_compliance_chart(dashboards.compliance_by_unit(unit, rows), year.year))
    context = {
        "unit": unit,
        "year": year,
        "year_number": year_number,
        "years": years,
        "parent": _parent_in_scope(user, unit),
        "total": youth.total,
        "of_year": of_year,
        "summary": compliance.summary(rows) if year else None,
        "charts": entries,
        "data": {"charts": [entry["chart"] for entry in entries]},
    }
    return render(request, "cycle/dashboard.html", context)


# The dashboard's charts: each drawn by dashboard.js and shown as a table under it.

COLLAPSE_ABOVE = 16  # longer tables fold under a summary


def _table(source: dict, links: list[str] | None = None, *, by_series: bool = False) -> dict:
    """A chart's numbers as a table: a row per label (`by_series`: a row per series)."""
    if by_series:
        heads = source["labels"]
        rows = [(series["label"], "", series["data"]) for series in source["series"]]
    else:
        columns = list(zip(*(series["data"] for series in source["series"]), strict=True))
        heads = [series["label"] for series in source["series"]]
        rows = [(label, links[i] if links else "", columns[i]) for i, label in enumerate(source["labels"])]
    return {
        "heads": heads,
        "rows": rows,
        "percent": source.get("percent", False),
        "collapsed": len(rows) > COLLAPSE_ABOVE,
    }


def _entry(
    chart: dict,
    *,
    links: list[str] | None = None,
    note: str = "",
    by_series: bool = False,
    more: dict | None = None,
    more_links: list[str] | None = None,
) -> dict:
    """A chart, the table of its numbers, and optionally a folded table of more (`more`)."""
    return {
        "chart": chart,
        "table": _table(chart, links, by_series=by_series),
        "more": _table(more, more_links) | {"collapsed": True} if more else None,
        "note": note,
    }


def _dashboard_url(unit_id: int, year: ProgrammeYear | None) -> str:
    query = {"unit": unit_id} | ({"year": year.year} if year else {})
    return f"{reverse('dashboard')}?{urlencode(query)}"


def _youth_charts(youth: dashboards.YouthFigures, year: ProgrammeYear | None) -> list[dict]:
    by_group, by_unit, total = youth.by_group, youth.by_unit, youth.total

    def label(item: dashboards.UnitCount) -> str:
        if item.child is None:
            return _("%(count)s other units") % {"count": item.others}
        return _("%(unit)s (own records)") % {"unit": item.child.name} if item.child.is_self else item.child.name

    groups = _chart(
        "groups",
        _("Disadvantaged youth by target group"),
        "bar",
        [label for _code, label in TargetGroup.choices],
        [(_("Young people"), [by_group.get(code, 0) for code in TargetGroup.values])],
        horizontal=True,
    )
    units = _chart(
        "units",
        _("Disadvantaged youth by unit"),
        "bar",
        [label(item) for item in by_unit],
        [(_("Young people"), [item.count for item in by_unit])],
        horizontal=True,
    )
    summed = any(item.child is None for item in by_unit)
    return [
        _entry(
            groups,
            note=_("One person may be in several groups; %(total)s young people in all.") % {"total": total},
        ),
        _entry(
            units,
            links=[
                _dashboard_url(item.child.unit_id, year) if item.child and not item.child.is_self else ""
                for item in by_unit
            ],
            note=_("The %(top)s units with the most records; the rest are summed.") % {"top": dashboards.TOP_UNITS}
            if summed
            else "",
        ),
    ]


def _initiative_charts(of_year: dashboards.YearInitiatives, year: int) -> list[dict]:
    domains = _chart(
        "domains",
        _("Initiatives of %(year)s by domain") % {"year": year},
        "bar",
        [label for _code, label in Domain.choices],
        [
            (_("Registered"), [of_year.by_domain[code] for code in Domain.values]),
            (_("Results reported"), [of_year.reported_by_domain[code] for code in Domain.values]),
        ],
        horizontal=True,
    )
    statuses = _chart(
        "statuses",
        _("Initiatives of %(year)s by status") % {"year": year},
        "doughnut",
        [label for _code, label in InitiativeStatus.choices],
        [(_("Initiatives"), [of_year.by_status.get(code, 0) for code in InitiativeStatus.values])],
    )
    return [_entry(domains, note=_("Registered: not drafts, not returned for changes.")), _entry(statuses)]


def _support_charts(support: list[dashboards.SupportYear]) -> list[dict]:
    years = [item.year for item in support]
    supported = _chart(
        "support",
        _("Youth supported, by year"),
        "line",
        years,
        [
            (_("Named beneficiaries"), [item.youth for item in support]),
            (_("Supported, as results reports state"), [item.reported for item in support]),
        ],
    )
    outcomes = _chart(
        "outcomes",
        _("Outcomes for the beneficiaries, by year"),
        "bar",
        years,
        [(label, [item.outcomes.get(code, 0) for item in support]) for code, label in Outcome.choices],
        stacked=True,
    )
    return [
        _entry(
            supported,
            note=_(
                "Beneficiaries of initiatives accepted, under way, reported or closed; an initiative kept up "
                "over several years counts in each."
            ),
        ),
        _entry(outcomes, by_series=True),
    ]


def _compliance_chart(units: list[dashboards.UnitCompliance], year: int) -> dict:
    """Every child unit in the table. The chart draws the units furthest from the target; where
    the children are the commune unions themselves (0 or 100 % each), how many have and have not."""

    def chart(items: list[dashboards.UnitCompliance]) -> dict:
        return _chart(
            "compliance",
            _("Commune unions with a registered initiative in %(year)s, by unit (%%)") % {"year": year},
            "bar",
            [item.child.name for item in items],
            [
                (_("Registered"), [item.registered_share for item in items]),
                (_("Results reported"), [item.reported_share for item in items]),
            ],
            horizontal=True,
            percent=True,
        )

    links = [_board_url(year, item.child.unit_id) for item in units]
    note = _("Target: every commune union. Each unit opens its compliance board.")
    if units and all(item.is_row for item in units):
        registered = sum(item.registered for item in units)
        drawn = _chart(
            "compliance",
            _("Commune unions with a registered initiative in %(year)s") % {"year": year},
            "doughnut",
            [_("With a registered initiative"), _("Without")],
            [(_("Commune unions"), [registered, len(units) - registered])],
            colours=["#198754", "#dc3545"],
        )
        return _entry(drawn, note=note, more=chart(units), more_links=links)
    furthest = sorted(units, key=lambda item: (item.registered_share, item.reported_share, item.child.path))
    shown = furthest[: dashboards.TOP_UNITS]
    if len(shown) == len(units):
        return _entry(chart(units), links=links, note=note)
    note = (
        _("The chart shows the %(top)s units furthest from the target; every unit is in the table below it.")
        % {"top": len(shown)}
        + " "
        + note
    )
    return _entry(
        chart(shown),
        links=[_board_url(year, item.child.unit_id) for item in shown],
        note=note,
        more=chart(units),
        more_links=links,
    )
