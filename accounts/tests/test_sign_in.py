from __future__ import annotations

import datetime

import pytest
import time_machine
from axes.models import AccessFailureLog, AccessLog
from django.core import mail
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password, ip="192.0.2.10"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_sign_in_page_is_vietnamese_by_default(client):
    response = client.get(reverse("login"), headers={"Accept-Language": "en-US,en"})
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html


def test_language_can_be_switched_to_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in html
    assert "Sign in" in html


def test_sign_in_lands_on_home_and_is_logged(client):
    response = sign_in(client, "officer_a", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert AccessLog.objects.filter(username="officer_a").exists()


def test_wrong_password_keeps_the_username_and_says_why(client):
    response = sign_in(client, "officer_a", "wrong")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="officer_a"' in html
    assert "Sai tên đăng nhập hoặc mật khẩu" in html
    assert AccessFailureLog.objects.filter(username="officer_a").exists()


def test_lockout_after_five_failures_is_per_username_and_address(client):
    for _ in range(5):
        sign_in(client, "officer_a", "wrong")
    response = sign_in(client, "officer_a", PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "tạm khoá" in html
    assert 'value="officer_a"' in html
    # A colleague behind the same office address still signs in…
    assert sign_in(client, "officer_b", PASSWORD).status_code == 302
    client.logout()
    # …and the same person from another address too.
    assert sign_in(client, "officer_a", PASSWORD, ip="198.51.100.7").status_code == 302


def test_lockout_ends_after_the_cool_off(client):
    for _ in range(5):
        sign_in(client, "officer_a", "wrong")
    assert sign_in(client, "officer_a", PASSWORD).status_code == 429
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=16)):
        assert sign_in(client, "officer_a", PASSWORD).status_code == 302


def test_idle_session_expires(client):
    start = datetime.datetime.now(tz=datetime.UTC)
    with time_machine.travel(start, tick=False):
        sign_in(client, "officer_a", PASSWORD)
        assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=25), tick=False):
        assert client.get(reverse("home")).status_code == 200  # activity renews the session
    with time_machine.travel(start + datetime.timedelta(minutes=50), tick=False):
        assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=81), tick=False):
        response = client.get(reverse("home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_session_is_renewed_at_most_once_a_minute(client):
    """The idle timeout does not cost a session write on every request."""
    from django.contrib.sessions.models import Session

    def expiry():
        return Session.objects.get(session_key=client.session.session_key).expire_date

    start = datetime.datetime.now(tz=datetime.UTC)
    with time_machine.travel(start, tick=False):
        sign_in(client, "officer_a", PASSWORD)
        client.get(reverse("home"))
        first = expiry()
    with time_machine.travel(start + datetime.timedelta(seconds=40), tick=False):
        assert client.get(reverse("home")).status_code == 200
        assert expiry() == first  # not written again within the minute
    with time_machine.travel(start + datetime.timedelta(seconds=70), tick=False):
        assert client.get(reverse("home")).status_code == 200
        assert expiry() == first + datetime.timedelta(seconds=70)


def test_deactivated_account_is_signed_out_and_cannot_sign_in(client, persona):
    sign_in(client, "officer_a", PASSWORD)
    user = persona("officer_a")
    user.is_active = False
    user.save()
    assert client.get(reverse("home")).status_code == 302
    response = sign_in(client, "officer_a", PASSWORD)
    assert response.status_code == 200


def test_password_change(client, persona):
    sign_in(client, "officer_a", PASSWORD)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Mot-mat-khau-moi-2027", "new_password2": "Mot-mat-khau-moi-2027"},
    )
    assert response.status_code == 302
    assert persona("officer_a").check_password("Mot-mat-khau-moi-2027")


def test_password_reset_by_email(client, persona):
    response = client.post(reverse("password_reset"), {"email": "officer_a@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["officer_a@example.vn"]
    assert "Vươn Lên" in message.subject
    link = next(line for line in message.body.splitlines() if "/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Mat-khau-quen-2027", "new_password2": "Mat-khau-quen-2027"})
    assert response.status_code == 302
    assert persona("officer_a").check_password("Mat-khau-quen-2027")


def test_password_reset_for_unknown_email_says_the_same_and_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.vn"})
    assert response.status_code == 302
    assert mail.outbox == []
