"""The evaluation pages: the queue of reported initiatives of a year, and one initiative's
evaluation (pre-checks, each evaluator's assessment, the decision).

The union above evaluates (`recognition.services.may_evaluate`); an initiative outside the
reader's scope answers 404, one in scope that the reader may not evaluate 403.
"""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from initiatives.filters import year_choices
from initiatives.models import Initiative
from initiatives.services import StaleEdit
from recognition import services
from recognition.forms_evaluation import DecisionForm, EvaluationForm
from recognition.models import Decision, Evaluation, Rating
from recognition.prechecks import REPORT_ITEMS, prechecks
from units.models import Unit
from units.scoping import get_for_user

PAGE_SIZE = 25

# The items of criterion (c), in the order the guideline names them.
REPORT_ITEM_LABELS = {
    "name": gettext_lazy("Name of the initiative"),
    "address": gettext_lazy("Address of the implementing unit"),
    "area": gettext_lazy("Area where it runs"),
    "start_date": gettext_lazy("Start date"),
    "supported_count": gettext_lazy("Number of youth supported"),
    "content": gettext_lazy("Form and content"),
    "results": gettext_lazy("Concrete results"),
}

# The queue's decision states: value -> (label, condition on the annotated `recognised_for_year`).
STATES: dict[str, tuple[Any, Q]] = {
    "undecided": (gettext_lazy("Undecided"), Q(recognised_for_year__isnull=True)),
    "recognised": (gettext_lazy("Recognised"), Q(recognised_for_year=True)),
    "not_recognised": (gettext_lazy("Not recognised"), Q(recognised_for_year=False)),
}


def _this_year() -> int:
    return timezone.localdate().year


def _year_param(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isdecimal() and 2000 <= int(raw) <= 2100 else None


# The queue


def evaluation_list(request):
    """Reported and closed initiatives of the year in the reader's scope, with how many
    evaluations each has and its decision; reviewers get a link to evaluate."""
    user = request.user
    year = _year_param(request.GET.get("year")) or _this_year()
    initiatives = Initiative.objects.visible_to(user).filter(years__year=year, status__in=services.EVALUABLE)
    unit = None
    if request.GET.get("unit"):
        unit = get_for_user(Unit, user, request.GET["unit"])
        initiatives = initiatives.filter(unit_path__startswith=unit.path)
    annotated = _annotate(initiatives, year)
    counts = annotated.aggregate(**{name: Count("pk", filter=condition) for name, (_l, condition) in STATES.items()})
    state = request.GET.get("state", "")
    if state in STATES:
        annotated = annotated.filter(STATES[state][1])
    else:
        state = ""
    page = Paginator(annotated.select_related("unit").order_by("unit_path", "name_key", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(initiative, services.may_evaluate(user, initiative)) for initiative in page.object_list]
    context = {
        "year": year,
        "years": sorted({*year_choices(user), _this_year(), year}, reverse=True),
        "unit": unit,
        "units": _filter_units(user),
        "state": state,
        "states": [(name, label, counts[name]) for name, (label, _c) in STATES.items()],
        "total": sum(counts.values()),
        "page": page,
        "rows": rows,
    }
    return render(request, "recognition/evaluation_list.html", context)


def _annotate(initiatives: QuerySet[Initiative], year: int) -> QuerySet[Initiative]:
    """Each initiative's decision for `year` (None: undecided) and its number of evaluations."""
    decision = Decision.objects.filter(initiative=OuterRef("pk"), year=year).values("recognised")[:1]
    evaluations = (
        Evaluation.objects.filter(initiative=OuterRef("pk"), year=year)
        .order_by()
        .values("initiative")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return initiatives.annotate(
        recognised_for_year=Subquery(decision),
        evaluation_count=Coalesce(Subquery(evaluations, output_field=IntegerField()), 0),
    )


def _filter_units(user) -> list[Unit]:
    """The unit filter's choices: the user's own units and the units directly below them."""
    memberships = user.active_memberships
    if not memberships:
        return []
    deepest = max(m.unit.depth for m in memberships) + 1
    return list(Unit.objects.visible_to(user).in_force().filter(depth__lte=deepest).order_by("path")[:400])


# One initiative


def _year_for(initiative: Initiative, raw: str | None) -> int:
    """The year asked for if the initiative is registered for it; else its latest year so far."""
    years = initiative.year_list
    asked = _year_param(raw)
    if asked in years:
        return asked
    so_far = [year for year in years if year <= _this_year()]
    return (so_far or years or [_this_year()])[-1]


@require_http_methods(["GET", "POST"])
def initiative_evaluate(request, pk: int):
    initiative = get_for_user(Initiative, request.user, pk)
    if not services.may_evaluate(request.user, initiative):
        raise PermissionDenied
    initiative = Initiative.objects.select_related("unit").prefetch_related("years").get(pk=initiative.pk)
    year = _year_for(initiative, request.GET.get("year"))
    evaluable = initiative.status in services.EVALUABLE
    own = Evaluation.objects.filter(initiative=initiative, year=year, evaluator=request.user).first()
    decision = Decision.objects.filter(initiative=initiative, year=year).select_related("decided_by").first()
    checks = prechecks(initiative, year)
    evaluation_form = EvaluationForm(instance=own, initial=None if own else _pre_ticked(checks))
    decision_form = DecisionForm(initial=_decision_initial(decision))
    status = 200
    here = f"{reverse('initiative_evaluate', args=[initiative.pk])}?year={year}"

    if request.method == "POST":
        if not evaluable:
            messages.error(request, _("Only an initiative whose results are reported can be evaluated."))
            return redirect(here)
        if request.POST.get("part") == "decision":
            decision_form = DecisionForm(request.POST)
            if decision_form.is_valid():
                data = decision_form.cleaned_data
                try:
                    services.decide(
                        initiative,
                        year,
                        recognised=data["recognised"],
                        reason=data["reason"],
                        by=request.user,
                        expected=data["decided_at"],
                    )
                except StaleEdit:
                    # Recorded by someone else since this form was opened (checked under a lock).
                    decision = Decision.objects.filter(initiative=initiative, year=year).first()
                    _refuse_stale(decision_form, decision)
                except ValidationError as error:
                    decision_form.add_error(None, error)
                except PermissionDenied:
                    decision_form.add_error(None, _("You may not decide on this initiative."))
                    status = 403
                else:
                    messages.success(request, _("The decision for %(year)s was recorded.") % {"year": year})
                    return redirect(here)
        else:
            evaluation_form = EvaluationForm(
                request.POST, instance=own or Evaluation(initiative=initiative, year=year, evaluator=request.user)
            )
            if evaluation_form.is_valid():
                try:
                    services.evaluate(initiative, year, evaluation_form.data_for_service(), by=request.user)
                except ValidationError as error:
                    evaluation_form.add_error(None, error)
                except PermissionDenied:
                    evaluation_form.add_error(None, _("You may not evaluate this initiative."))
                    status = 403
                else:
                    messages.success(request, _("Your assessment was saved."))
                    return redirect(here)

    evaluations = list(
        Evaluation.objects.filter(initiative=initiative, year=year).select_related("evaluator").order_by("created_at")
    )
    scores = [e.score for e in evaluations if e.score is not None]
    context = {
        "initiative": initiative,
        "year": year,
        "years": initiative.year_list,
        "evaluable": evaluable,
        "checks": checks,
        "report_items": [(REPORT_ITEM_LABELS[name], checks["report_items"][name]) for name in REPORT_ITEMS],
        "inspection": _inspection(checks["inspection"]),
        "evaluation_form": evaluation_form,
        "pre_ticked": own is None,
        "decision_form": decision_form,
        "decision": decision,
        "evaluations": evaluations,
        "meeting_all": sum(1 for e in evaluations if e.meets_all),
        "average_score": round(sum(scores) / len(scores)) if scores else None,
        "other_decisions": Decision.objects.filter(initiative=initiative).exclude(year=year).order_by("-year"),
    }
    return render(request, "recognition/evaluation_page.html", context, status=status)


def _pre_ticked(checks: dict[str, Any]) -> dict[str, bool]:
    """What the system knows: (b) a plan, (c) a complete results report; (a) is the evaluator's."""
    return {"effective": False, "has_plan": checks["plan"], "has_report": checks["report_complete"]}


_stamp = services.decision_stamp


def _decision_initial(decision: Decision | None) -> dict[str, Any]:
    if decision is None:
        return {"decided_at": ""}
    return {
        "recognised": "yes" if decision.recognised else "no",
        "reason": decision.reason,
        "decided_at": _stamp(decision),
    }


def _refuse_stale(form: DecisionForm, decision: Decision | None) -> None:
    """Keep what was typed, move the form onto the current decision, and say why nothing was saved."""
    data = cast(QueryDict, form.data).copy()
    data["decided_at"] = _stamp(decision)
    form.data = data
    form.add_error(
        None,
        _(
            "Someone else recorded a decision on this initiative while you were writing yours, so yours "
            "was not saved. Their decision is shown above; your text is kept below: save again to replace it."
        ),
    )


def _inspection(found: dict[str, Any] | None) -> dict[str, Any] | None:
    if not found:
        return None
    rating = found["rating"]
    return {
        **found,
        "date": datetime.date.fromisoformat(found["date"]),
        "rating_label": Rating(rating).label if rating in Rating.values else "",
    }
