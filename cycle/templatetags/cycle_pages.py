"""Display helpers of the yearly cycle's pages: badge colours and labels, no queries."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cycle.compliance import PENDING
from cycle.models import Submission, Timeliness

register = template.Library()

TIMELINESS_CLASSES = {
    Timeliness.ON_TIME: "text-bg-success",
    Timeliness.EXTENDED: "text-bg-info",
    Timeliness.LATE: "text-bg-warning",
    Timeliness.MISSING: "text-bg-danger",
}
STATUS_CLASSES = {
    Submission.Status.SUBMITTED: "text-bg-primary",
    Submission.Status.ACCEPTED: "text-bg-success",
    Submission.Status.RETURNED: "text-bg-warning",
}


@register.filter
def timeliness_class(value: str) -> str:
    return TIMELINESS_CLASSES.get(value, "text-bg-light border")  # type: ignore[call-overload]


@register.filter
def timeliness_label(value: str) -> str:
    if value == PENDING:
        return _("Not submitted yet")
    return str(Timeliness(value).label) if value in Timeliness.values else value


@register.filter
def submission_status_class(value: str) -> str:
    return STATUS_CLASSES.get(value, "text-bg-light border")  # type: ignore[call-overload]


@register.filter
def submission_status_label(value: str) -> str:
    return str(Submission.Status(value).label) if value in Submission.Status.values else value


@register.filter
def days_text(days: int) -> str:
    """How far a deadline is: "in 3 days", "today", "2 days ago"."""
    if days > 0:
        return ngettext("%(days)d day left", "%(days)d days left", days) % {"days": days}
    if days == 0:
        return _("due today")
    return ngettext("passed %(days)d day ago", "passed %(days)d days ago", -days) % {"days": -days}


@register.filter
def reminder_when(days_before: int) -> str:
    """A reminder's day relative to its deadline."""
    if days_before >= 0:
        return ngettext("%(days)d day before", "%(days)d days before", days_before) % {"days": days_before}
    return ngettext("%(days)d day after", "%(days)d days after", -days_before) % {"days": -days_before}
