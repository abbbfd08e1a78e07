"""What the evidence blocks of the initiative page show, fetched in one query each.

The page passes `initiative` (and `can_write`); these tags give the includes the rest, so the
detail view need not know about evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template

from initiatives.choices import EvidenceKind
from initiatives.models import Confirmation, Evidence, Initiative, StepEntry
from initiatives.uploads import DOCX, PDF

register = template.Library()


@dataclass
class EvidenceGroups:
    photos: list[Evidence] = field(default_factory=list)
    documents: list[Evidence] = field(default_factory=list)
    links: list[Evidence] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.photos or self.documents or self.links)


@register.simple_tag
def evidence_groups(initiative: Initiative) -> EvidenceGroups:
    """The initiative's photos, documents and links; a step's files and the signed page are shown
    with their step and with the confirmation."""
    groups = EvidenceGroups()
    rows = (
        Evidence.objects.filter(initiative=initiative, step_entry__isnull=True)
        .exclude(purpose=Evidence.Purpose.CONFIRMATION)
        .select_related("activity")
    )
    by_kind = {EvidenceKind.PHOTO: groups.photos, EvidenceKind.DOCUMENT: groups.documents}
    for evidence in rows:
        by_kind.get(evidence.kind, groups.links).append(evidence)  # type: ignore[call-overload]
    return groups


@register.simple_tag
def step_files(entry: StepEntry) -> list[Evidence]:
    """The files of one step entry (prefetched by the page when it asked for `step_entries__files`)."""
    return list(entry.files.all())


@register.simple_tag
def confirmation_of(initiative: Initiative) -> Confirmation | None:
    return Confirmation.objects.filter(initiative=initiative).select_related("scan").first()


@register.filter
def evidence_icon(evidence: Evidence) -> str:
    """The Bootstrap icon of a file or link."""
    if evidence.kind == EvidenceKind.LINK:
        return "bi-link-45deg"
    return {
        PDF: "bi-file-earmark-pdf",
        DOCX: "bi-file-earmark-word",
    }.get(evidence.content_type, "bi-file-earmark-image")
