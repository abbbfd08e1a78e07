"""Named operations of the yearly cycle: submit, accept or return, grant an extension, notify."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from core.auditing import acting_as
from core.vntext import nfc
from cycle import deadlines, snapshots
from cycle.models import Extension, Kind, Notification, ProgrammeYear, Submission
from units.models import Unit
from units.scoping import acts_for, reviews


class SubmissionRefused(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def latest(unit: Unit, year: ProgrammeYear, kind: str) -> Submission | None:
    return Submission.objects.filter(unit=unit, year=year, kind=kind).order_by("-version").first()


def submit(
    unit: Unit, year: ProgrammeYear, kind: str, *, by, note: str = "", at: datetime.datetime | None = None
) -> Submission:
    """Freeze the unit's rows and send them up. A new version only after the last was returned."""
    if not acts_for(by, unit.path, Unit.steplen):
        raise PermissionDenied
    at = at or timezone.now()
    with transaction.atomic(), acting_as(by):
        # Lock the unit's row: two officers pressing "submit" at once make one version, not two.
        Unit.objects.select_for_update().filter(pk=unit.pk).first()
        previous = latest(unit, year, kind)
        if previous is not None and previous.status == Submission.Status.SUBMITTED:
            raise SubmissionRefused(_("This is already submitted and awaits the union above."))
        if previous is not None and previous.status == Submission.Status.ACCEPTED:
            raise SubmissionRefused(
                _("This was accepted; ask the union above to return it before sending a new version.")
            )
        snapshot = snapshots.build(unit, year, kind)
        if kind == Kind.REGISTRATION and not snapshot["initiatives"]:
            raise SubmissionRefused(_("No initiative is registered for this year yet: register at least one first."))
        version = (Submission.objects.filter(unit=unit, year=year, kind=kind).aggregate(m=Max("version"))["m"] or 0) + 1
        submission = Submission.objects.create(
            unit=unit,
            year=year,
            kind=kind,
            version=version,
            timeliness=deadlines.timeliness(year, kind, unit, at),
            submitted_at=at,
            submitted_by=by,
            note=nfc(note).strip(),
            snapshot=snapshot,
            content_hash=snapshots.content_hash(snapshot),
        )
    return submission


def review(submission: Submission, *, accept: bool, comment: str = "", by) -> Submission:
    """The union above accepts the submission, or returns it with comments (required)."""
    if not reviews(by, submission.unit.path, Unit.steplen):
        raise PermissionDenied
    comment = nfc(comment).strip()
    if not accept and not comment:
        raise SubmissionRefused(_("Say what must be changed: a comment is required."))
    with transaction.atomic(), acting_as(by):
        current = Submission.objects.select_for_update().select_related("unit", "year").get(pk=submission.pk)
        if current.status != Submission.Status.SUBMITTED:
            raise SubmissionRefused(_("This submission was already judged."))
        if latest(current.unit, current.year, current.kind) != current:
            raise SubmissionRefused(_("A newer version of this submission exists."))
        current.status = Submission.Status.ACCEPTED if accept else Submission.Status.RETURNED
        current.reviewed_at = timezone.now()
        current.reviewed_by = by
        current.review_comment = comment
        current.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comment"])
        if not accept:
            text = _("%(unit)s: the %(kind)s of %(year)s was returned for changes: %(comment)s") % {
                "unit": current.unit.name,
                "kind": current.get_kind_display().lower(),
                "year": current.year.year,
                "comment": comment,
            }
            notify_unit(current.unit, text, url=f"/cycle/{current.year.year}/", email=True)
    return current


def grant_extension(
    unit: Unit, year: ProgrammeYear, kind: str, *, until: datetime.date, reason: str, by
) -> tuple[Extension, Extension | None]:
    """The unit's extension for the year and kind, made or replaced; with the one it replaced
    (as it stood), so the granter is told whose grant their date overrides."""
    if not reviews(by, unit.path, Unit.steplen):
        raise PermissionDenied
    with transaction.atomic(), acting_as(by):
        # Only the extension's row is locked: PostgreSQL locks no row on the nullable side of the
        # join to its granter.
        previous = (
            Extension.objects.select_for_update(of=("self",))
            .select_related("granted_by")
            .filter(unit=unit, year=year, kind=kind)
            .first()
        )
        extension, _created = Extension.objects.update_or_create(
            unit=unit, year=year, kind=kind, defaults={"until": until, "reason": nfc(reason).strip(), "granted_by": by}
        )
    return extension, previous


def unit_officers(unit: Unit) -> list:
    """The active officers and admins of the unit itself (who act for it)."""
    return [
        m.user
        for m in Membership.objects.filter(unit=unit, role__in=[Role.OFFICER, Role.ADMIN], user__is_active=True)
        .select_related("user")
        .order_by("user__username")
    ]


def notify_unit(unit: Unit, text: str, *, url: str = "", email: bool = False) -> tuple[int, int]:
    """An in-app notification to each officer of the unit, and an e-mail to those with an address.
    Returns (notified, e-mailed)."""
    users = unit_officers(unit)
    Notification.objects.bulk_create(Notification(user=user, unit=unit, text=text, url=url) for user in users)
    sent = 0
    if email:
        with translation.override("vi"):
            subject = _("Vươn Lên: %(unit)s") % {"unit": unit.name}
        for user in users:
            if user.email:
                send_mail(subject, text, None, [user.email], fail_silently=False)
                sent += 1
    return len(users), sent
