"""A user's notifications (reminders, returned submissions): the list, and marking them read."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from cycle.models import Notification

PAGE_SIZE = 30


def notification_list(request):
    mine = Notification.objects.filter(user=request.user).select_related("unit").order_by("-created_at", "-pk")
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cycle/notification_list.html", {"page": page})


@require_POST
def notification_read(request):
    """Mark one notification read (and open its page with `open`), or all of them."""
    unread = Notification.objects.filter(user=request.user, read_at__isnull=True)
    raw = request.POST.get("notification", "")
    if not raw:
        unread.update(read_at=timezone.now())
        return redirect("notification_list")
    if not raw.isdecimal():
        raise Http404
    # Only the user's own: anyone else's answers 404, like a missing one.
    notification = Notification.objects.filter(user=request.user, pk=raw).first()
    if notification is None:
        raise Http404
    unread.filter(pk=notification.pk).update(read_at=timezone.now())
    safe = url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if request.POST.get("open") and notification.url and safe:
        return redirect(notification.url)
    return redirect("notification_list")
