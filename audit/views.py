from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from audit import queries
from units.scoping import Capability

PAGE_SIZE = 50
TABS = {
    "changes": queries.changes_visible_to,
    "signins": queries.sign_ins_visible_to,
    "failures": queries.failures_visible_to,
    "transfers": queries.transfers_visible_to,
}


def audit_log(request):
    if not request.user.scope_paths(Capability.ADMIN):
        raise PermissionDenied
    tab = request.GET.get("tab", "changes")
    if tab not in TABS:
        tab = "changes"
    page = Paginator(TABS[tab](request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    if tab == "transfers":
        page.object_list = queries.describe_transfers(page.object_list)
    return render(request, "audit/audit_log.html", {"page": page, "tab": tab})
