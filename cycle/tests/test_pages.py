"""The yearly cycle's pages: the year of a unit, submitting, judging, extensions, notifications,
and the programme calendar."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from cycle import reminders, services
from cycle.models import Extension, Kind, Notification, Period, ProgrammeYear, Submission
from initiatives.choices import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(login):
    """The root `login`, reading the pages in English: these tests check the messages' meaning;
    tests/test_translations.py checks that every one of them exists in Vietnamese."""

    def sign_in(username):
        client = login(username)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return sign_in


def year_url(unit=None, year: int = 2026) -> str:
    url = reverse("cycle_year", args=[year])
    return f"{url}?unit={unit.pk}" if unit is not None else url


def submit(client, unit, kind=Kind.REGISTRATION, note="", year: int = 2026):
    return client.post(reverse("submission_submit", args=[year]), {"unit": unit.pk, "kind": kind, "note": note})


def review(client, submission, decision, comment=""):
    return client.post(reverse("submission_review", args=[submission.pk]), {"decision": decision, "comment": comment})


# The year page


def test_anonymous_is_sent_to_sign_in(client, programme_year):
    programme_year(2026)
    response = client.get(year_url())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_home_redirects_to_a_year_or_says_none_exists(login, programme_year):
    client = login("prov_admin")
    response = client.get(reverse("cycle_home"))
    assert response.status_code == 200
    assert b'data-testid="no-year"' in response.content
    assert reverse("year_create").encode() in response.content  # the admin may create one
    assert reverse("year_create").encode() not in login("officer_a").get(reverse("cycle_home")).content
    programme_year(2026)
    response = login("officer_a").get(reverse("cycle_home"))
    assert response.status_code == 302 and response["Location"] == year_url()


def test_the_page_shows_the_users_own_unit_by_default(login, programme_year, unit):
    programme_year(2026)
    response = login("officer_a").get(year_url())
    assert response.status_code == 200
    assert response.context["unit"] == unit("18073")
    assert "20/03/2026" in response.content.decode() and "10/10/2026" in response.content.decode()


def test_a_unit_out_of_scope_answers_404(login, programme_year, unit):
    programme_year(2026)
    assert login("officer_b").get(year_url(unit("18073"))).status_code == 404
    assert login("officer_b").get(year_url(year=2031)).status_code == 404


def test_submit_from_the_page(login, programme_year, make_initiative, unit):
    programme_year(2026)
    make_initiative(status=Status.REGISTERED)
    client = login("officer_a")
    page = client.get(year_url())
    assert b'data-testid="submit-registration"' in page.content
    response = submit(client, unit("18073"), note="Gửi danh sách đăng ký.")
    assert response.status_code == 302 and response["Location"] == year_url(unit("18073"))
    submission = Submission.objects.get(unit=unit("18073"))
    assert (submission.version, submission.status, submission.note) == (1, "submitted", "Gửi danh sách đăng ký.")
    page = client.get(response["Location"])
    content = page.content.decode()
    assert "Awaiting the union above." in content
    assert b'data-testid="submit-registration"' not in page.content
    assert reverse("submission_detail", args=[submission.pk]) in content


def test_a_second_submission_is_refused_with_a_message_and_the_note_kept(login, programme_year, make_initiative, unit):
    programme_year(2026)
    make_initiative(status=Status.REGISTERED)
    client = login("officer_a")
    submit(client, unit("18073"))
    response = submit(client, unit("18073"), note="Bản bổ sung lần hai.")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-testid="submit-refused"' in content
    assert "This is already submitted and awaits the union above." in content
    assert "Bản bổ sung lần hai." in content
    assert Submission.objects.count() == 1


def test_nothing_registered_is_refused_and_the_note_stays_in_the_form(login, programme_year, unit):
    programme_year(2026)
    response = submit(login("officer_a"), unit("18073"), note="Ghi chú gửi kèm.")
    assert response.status_code == 200
    content = response.content.decode()
    assert "No initiative is registered for this year yet" in content
    assert ">Ghi chú gửi kèm.</textarea>" in content
    assert not Submission.objects.exists()


def test_only_the_units_own_officers_submit(login, programme_year, make_initiative, unit):
    programme_year(2026)
    make_initiative(status=Status.REGISTERED)
    response = submit(login("prov_officer"), unit("18073"), note="Thay mặt xã.")
    assert response.status_code == 403
    assert "Only the officers of" in response.content.decode() and "Thay mặt xã." in response.content.decode()
    assert submit(login("officer_b"), unit("18073")).status_code == 404
    assert submit(login("viewer_a"), unit("18073")).status_code == 403
    assert not Submission.objects.exists()


# Judging


def test_a_return_needs_a_comment(login, programme_year, make_initiative, unit, persona):
    year = programme_year(2026)
    make_initiative(status=Status.REGISTERED)
    submission = services.submit(unit("18073"), year, Kind.REGISTRATION, by=persona("officer_a"))
    response = review(login("prov_officer"), submission, "return", "  ")
    assert response.status_code == 200
    assert "a comment is required" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED


def test_return_with_a_comment_then_resubmit_shows_version_2(login, programme_year, make_initiative, unit, persona):
    year = programme_year(2026)
    make_initiative(status=Status.REGISTERED)
    first = services.submit(unit("18073"), year, Kind.REGISTRATION, by=persona("officer_a"))
    response = review(login("prov_officer"), first, "return", "Bổ sung đối tượng thụ hưởng.")
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Submission.Status.RETURNED
    client = login("officer_a")
    page = client.get(year_url()).content.decode()
    assert "Bổ sung đối tượng thụ hưởng." in page and "Submit a new version" in page
    response = submit(client, unit("18073"), note="Đã bổ sung.")
    assert response.status_code == 302
    second = services.latest(unit("18073"), year, Kind.REGISTRATION)
    assert second.version == 2
    page = client.get(year_url())
    assert "version 2" in page.content.decode()
    assert [s.version for s in page.context["page"].kinds[0].versions] == [2, 1]
    detail = client.get(reverse("submission_detail", args=[second.pk])).content.decode()
    assert reverse("submission_detail", args=[first.pk]) in detail  # the version list links v1
    old = client.get(reverse("submission_detail", args=[first.pk])).content.decode()
    assert "A newer version of this submission exists." in old


def test_the_union_above_accepts(login, programme_year, make_initiative, unit, persona):
    year = programme_year(2026)
    make_initiative(status=Status.REGISTERED)
    submission = services.submit(unit("18073"), year, Kind.REGISTRATION, by=persona("officer_a"))
    client = login("prov_officer")
    assert b'data-testid="review-form"' in client.get(reverse("submission_detail", args=[submission.pk])).content
    assert review(client, submission, "accept").status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.ACCEPTED
    assert b'data-testid="review-form"' not in client.get(reverse("submission_detail", args=[submission.pk])).content


def test_the_unit_itself_does_not_judge_and_a_stranger_gets_404(login, programme_year, make_initiative, unit, persona):
    year = programme_year(2026)
    make_initiative(status=Status.REGISTERED)
    submission = services.submit(unit("18073"), year, Kind.REGISTRATION, by=persona("officer_a"))
    own = login("officer_a")
    assert b'data-testid="review-form"' not in own.get(reverse("submission_detail", args=[submission.pk])).content
    assert review(own, submission, "accept").status_code == 403
    stranger = login("officer_b")
    assert stranger.get(reverse("submission_detail", args=[submission.pk])).status_code == 404
    assert review(stranger, submission, "accept").status_code == 404
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED


def test_the_detail_shows_the_snapshot_as_tables(login, programme_year, make_initiative, make_youth, unit, persona):
    year = programme_year(2026)
    make_youth("Nguyễn Thị Mai", groups={"poverty": {"household_kind": "poor"}, "disability": {}})
    make_youth("Trần Văn Nam", groups={"unemployment": {}})
    make_initiative("Câu lạc bộ đã báo cáo", status=Status.REPORTED)
    submission = services.submit(unit("18073"), year, Kind.RESULTS, by=persona("officer_a"))
    response = login("prov_viewer").get(reverse("submission_detail", args=[submission.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Câu lạc bộ đã báo cáo" in content
    assert submission.content_hash in content
    assert "Nguyễn Thị Mai" not in content  # the snapshot holds ids and groups only
    tables = response.context["tables"]
    assert tables["youth_total"] == 2
    counts = dict(tables["youth_groups"])
    assert [counts[label] for label in counts if counts[label]] == [1, 1, 1]
    assert b'data-testid="review-form"' not in response.content  # a viewer does not judge


def test_a_consolidated_submission_lists_its_children(login, programme_year, make_initiative, unit, persona):
    year = programme_year(2026)
    make_initiative(status=Status.REGISTERED)
    child = services.submit(unit("18073"), year, Kind.REGISTRATION, by=persona("officer_a"))
    parent = services.submit(unit("42"), year, Kind.REGISTRATION, by=persona("prov_officer"))
    content = login("prov_viewer").get(reverse("submission_detail", args=[parent.pk])).content.decode()
    assert 'data-testid="children"' in content
    assert reverse("submission_detail", args=[child.pk]) in content
    assert child.content_hash[:12] in content


# What the union above sees below it


def test_the_province_page_lists_awaiting_not_submitted_and_reminded(
    login, programme_year, make_initiative, unit, persona
):
    year = programme_year(2026)
    make_initiative(status=Status.REGISTERED)
    submission = services.submit(unit("18073"), year, Kind.REGISTRATION, by=persona("officer_a"))
    reminders.send(datetime.date(2026, 3, 6))  # 14 days before: every unit without a submission
    response = login("prov_officer").get(year_url())
    assert response.status_code == 200
    oversight = response.context["page"].oversight
    assert [s.pk for s, may_judge in oversight.awaiting] == [submission.pk]
    assert all(may_judge for _s, may_judge in oversight.awaiting)
    registration = oversight.not_submitted[0]
    listed = {line.row.unit_id for line in registration.missing + registration.pending}
    assert unit("18685").pk in listed and unit("18073").pk not in listed
    assert unit("18685").pk in {r.unit_id for day in oversight.reminders for r in day.reminders}
    content = response.content.decode()
    assert 'data-testid="reminders"' in content and "Cẩm Bình" in content
    # A commune's own page has nothing below it.
    assert login("officer_a").get(year_url()).context["page"].oversight is None


def test_the_year_page_query_count_does_not_grow_with_units(
    login, programme_year, make_initiative, unit, persona, django_assert_max_num_queries
):
    year = programme_year(2026)
    make_initiative(status=Status.REGISTERED)
    services.submit(unit("18073"), year, Kind.REGISTRATION, by=persona("officer_a"))
    reminders.send(datetime.date(2026, 3, 6))
    client = login("prov_officer")
    with django_assert_max_num_queries(20):
        client.get(year_url())


# Extensions


def test_the_province_grants_an_extension(login, programme_year, unit):
    programme_year(2026)
    client = login("prov_officer")
    url = reverse("extension_grant", args=[2026]) + f"?unit={unit('18073').pk}"
    assert client.get(url).status_code == 200
    too_early = client.post(
        url, {"unit": unit("18073").pk, "kind": Kind.REGISTRATION, "until": "15/03/2026", "reason": "Bão lũ"}
    )
    assert too_early.status_code == 200 and "after the year&#x27;s deadline" in too_early.content.decode()
    response = client.post(
        url, {"unit": unit("18073").pk, "kind": Kind.REGISTRATION, "until": "30/03/2026", "reason": "Bão lũ"}
    )
    assert response.status_code == 302
    extension = Extension.objects.get(unit=unit("18073"))
    assert (extension.until, extension.reason, extension.granted_by.username) == (
        datetime.date(2026, 3, 30),
        "Bão lũ",
        "prov_officer",
    )
    own = login("officer_a").get(year_url()).content.decode()
    assert 'data-testid="own-extension"' in own and "30/03/2026" in own
    assert "Bão lũ" in login("prov_viewer").get(year_url()).content.decode()  # the year page lists it


def test_a_second_grant_says_whose_extension_it_replaces(login, programme_year, unit, persona):
    """Granting again changes the date (the same unit, year and kind hold one extension); the
    granter is told which earlier grant, and by whom, their date replaces."""
    programme_year(2026)
    url = reverse("extension_grant", args=[2026]) + f"?unit={unit('18073').pk}"
    data = {"unit": unit("18073").pk, "kind": Kind.REGISTRATION, "reason": "Bão lũ"}
    first = login("prov_officer").post(url, {**data, "until": "30/03/2026"}, follow=True).content.decode()
    assert "This replaces" not in first
    second = login("prov_admin").post(url, {**data, "until": "05/04/2026"}, follow=True).content.decode()
    name = persona("prov_officer").get_full_name()
    assert f"This replaces the extension until 30/03/2026 granted by {name}." in second
    assert Extension.objects.get(unit=unit("18073")).until == datetime.date(2026, 4, 5)


@pytest.mark.parametrize("until", ["31/12/9999", "01/01/2028"])
def test_an_extension_ends_by_the_end_of_the_next_year(login, programme_year, unit, until):
    programme_year(2026)
    url = reverse("extension_grant", args=[2026]) + f"?unit={unit('18073').pk}"
    data = {"unit": unit("18073").pk, "kind": Kind.RESULTS, "until": until, "reason": "Thiên tai"}
    response = login("prov_officer").post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["until"] == ["An extension ends by 31/12/2027 at the latest."]
    assert f'value="{until}"' in response.content.decode()
    assert not Extension.objects.exists()
    data["until"] = "31/12/2027"
    assert login("prov_officer").post(url, data).status_code == 302


def test_a_commune_officer_grants_no_extension(login, programme_year, unit):
    programme_year(2026)
    client = login("officer_a")
    url = reverse("extension_grant", args=[2026])
    assert client.get(url).status_code == 403
    assert client.get(f"{url}?unit={unit('18073').pk}").status_code == 403
    data = {"unit": unit("18073").pk, "kind": Kind.REGISTRATION, "until": "30/03/2026", "reason": "x"}
    assert client.post(f"{url}?unit={unit('18073').pk}", data).status_code == 403
    assert login("officer_b").get(f"{url}?unit={unit('18073').pk}").status_code == 404
    assert not Extension.objects.exists()


# Notifications


def test_notifications_list_mark_read_and_the_badge(login, persona, unit):
    officer = persona("officer_a")
    older = Notification.objects.create(user=officer, unit=unit("18073"), text="Nhắc hạn đăng ký.", url="/cycle/2026/")
    newer = Notification.objects.create(user=officer, text="Bị trả lại.")
    other = Notification.objects.create(user=persona("officer_b"), text="Của người khác.")
    client = login("officer_a")
    response = client.get(reverse("notification_list"))
    assert [n.pk for n in response.context["page"].object_list] == [newer.pk, older.pk]
    assert response.content.decode().count('data-testid="notification-unread"') == 2
    assert "Của người khác." not in response.content.decode()
    assert b'data-testid="unread-count">2<' in response.content
    opened = client.post(reverse("notification_read"), {"notification": older.pk, "open": "1"})
    assert opened.status_code == 302 and opened["Location"] == "/cycle/2026/"
    assert b'data-testid="unread-count">1<' in client.get(reverse("notification_list")).content
    assert client.post(reverse("notification_read"), {"notification": other.pk}).status_code == 404
    assert client.post(reverse("notification_read")).status_code == 302
    page = client.get(reverse("notification_list")).content
    assert b'data-testid="unread-count"' not in page and b'data-testid="notification-unread"' not in page
    other.refresh_from_db()
    assert other.read_at is None


def test_the_badge_costs_one_query(login, persona, django_assert_num_queries):
    from cycle.context_processors import notifications

    Notification.objects.create(user=persona("officer_a"), text="Một.")
    client = login("officer_a")
    request = client.get(reverse("notification_list")).wsgi_request
    bell = notifications(request)["bell"]
    with django_assert_num_queries(1):
        assert bell.unread == 1 and bell.unread == 1


# The programme calendar


def test_only_the_provinces_admins_change_the_calendar(login, programme_year):
    programme_year(2026)
    for who in ("prov_officer", "officer_a", "admin_a"):
        client = login(who)
        assert client.get(reverse("period_create")).status_code == 403
        assert client.post(reverse("year_create"), {"year": 2027}).status_code == 403
        assert client.get(reverse("year_edit", args=[2026])).status_code == 403
    assert login("officer_a").get(reverse("period_list")).status_code == 200


def test_an_admin_adds_a_period_and_a_year_with_the_guidelines_deadlines(login):
    client = login("prov_admin")
    response = client.post(
        reverse("period_create"), {"name": "Giai đoạn 2031–2035", "start_year": 2031, "end_year": 2035}
    )
    assert response.status_code == 302
    period = Period.objects.get(start_year=2031)
    assert (
        client.post(reverse("period_create"), {"name": "Ngược", "start_year": 2035, "end_year": 2031}).status_code
        == 200
    )
    form = client.get(reverse("year_create") + f"?period={period.pk}").content.decode()
    assert 'value="2031"' in form and "20/03/2031" in form and "10/10/2031" in form
    outside = client.post(reverse("year_create"), {"period": period.pk, "year": 2036})
    assert outside.status_code == 200 and not ProgrammeYear.objects.filter(year=2036).exists()
    wrong_year = client.post(
        reverse("year_create"),
        {"period": period.pk, "year": 2032, "registration_deadline": "20/03/2031", "results_deadline": ""},
    )
    assert wrong_year.status_code == 200 and not ProgrammeYear.objects.filter(year=2032).exists()
    response = client.post(reverse("year_create"), {"period": period.pk, "year": 2031})
    assert response.status_code == 302 and response["Location"] == year_url(year=2031)
    year = ProgrammeYear.objects.get(year=2031)
    assert year.registration_deadline == datetime.date(2031, 3, 20)
    assert year.results_deadline == datetime.date(2031, 10, 10)


def test_an_admin_edits_the_deadlines_and_a_stale_edit_is_refused(login, programme_year):
    year = programme_year(2026)
    client = login("prov_admin")
    opened = client.get(reverse("year_edit", args=[2026])).context["form"]["opened"].value()
    response = client.post(
        reverse("year_edit", args=[2026]),
        {"registration_deadline": "27/03/2026", "results_deadline": "10/10/2026", "opened": opened},
    )
    assert response.status_code == 302
    year.refresh_from_db()
    assert year.registration_deadline == datetime.date(2026, 3, 27)
    stale = client.post(
        reverse("year_edit", args=[2026]),
        {"registration_deadline": "31/03/2026", "results_deadline": "10/10/2026", "opened": opened},
    )
    assert stale.status_code == 200
    assert "Someone else changed these deadlines" in stale.content.decode()
    assert 'value="31/03/2026"' in stale.content.decode()  # what was typed is kept
    year.refresh_from_db()
    assert year.registration_deadline == datetime.date(2026, 3, 27)
