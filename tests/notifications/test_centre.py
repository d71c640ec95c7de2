"""The in-app notification centre: unread count in the toolbar, list, read marks,
preferences. A person only ever sees their own notices."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from notifications.models import Notice, Preference
from tests.factories import DossierFactory, UserFactory

pytestmark = pytest.mark.django_db


def notice(user, title="Công việc mới: thẩm định", **kwargs) -> Notice:
    return Notice.objects.create(recipient=user, key=f"test:{Notice.objects.count()}",
                                 kind="task_created", title=title, body="Nội dung",
                                 email_state="skipped", **kwargs)


@pytest.fixture
def me(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_toolbar_shows_the_unread_count_with_one_query(rf, me, django_assert_num_queries):
    for _ in range(3):
        notice(me)
    notice(UserFactory())
    request = rf.get("/")
    request.user = me

    with django_assert_num_queries(1):
        html = render_to_string("khenthuong/toolbar_extra.html", {"user": me}, request=request)

    assert 'data-testid="unread-count"' in html and ">3<" in html


def test_pages_show_the_bell_with_the_unread_count(client, me):
    notice(me)

    page = client.get(reverse("khenthuong:notifications:index")).content.decode()

    assert 'data-testid="notice-bell"' in page and 'data-testid="unread-count"' in page


def test_list_shows_my_notices_and_not_anyone_elses(client, me):
    notice(me, title="Thông báo của tôi")
    notice(UserFactory(), title="Thông báo của người khác")

    page = client.get(reverse("khenthuong:notifications:index")).content.decode()

    assert "Thông báo của tôi" in page and "Thông báo của người khác" not in page


def test_opening_a_notice_marks_it_read_and_goes_to_its_dossier(client, me):
    dossier = DossierFactory()
    n = notice(me, dossier=dossier, url=reverse("khenthuong:dossiers:detail", args=[dossier.pk]))

    response = client.get(reverse("khenthuong:notifications:open", args=[n.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("khenthuong:dossiers:detail", args=[dossier.pk])
    n.refresh_from_db()
    assert n.read_at is not None


def test_someone_elses_notice_cannot_be_opened_or_marked(client, me):
    theirs = notice(UserFactory())

    assert client.get(reverse("khenthuong:notifications:open", args=[theirs.pk])
                      ).status_code == 404
    assert client.post(reverse("khenthuong:notifications:mark_read", args=[theirs.pk])
                       ).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_one_notice_read(client, me):
    first, second = notice(me), notice(me)

    client.post(reverse("khenthuong:notifications:mark_read", args=[first.pk]))

    assert list(Notice.objects.filter(read_at__isnull=True)) == [second]


def test_mark_all_read_leaves_other_peoples_notices_unread(client, me):
    notice(me), notice(me)
    theirs = notice(UserFactory())

    client.post(reverse("khenthuong:notifications:mark_all_read"))

    assert list(Notice.objects.filter(read_at__isnull=True)) == [theirs]


def test_preferences_page_saves_the_daily_digest_choice(client, me):
    url = reverse("khenthuong:notifications:preferences")
    assert "Gộp thành một thư tổng hợp mỗi ngày" in client.get(url).content.decode()

    client.post(url, {"email_enabled": "on", "delivery": "digest"})

    pref = Preference.objects.get(user=me)
    assert (pref.email_enabled, pref.delivery) == (True, "digest")


def test_notice_list_requires_login(client):
    response = client.get(reverse("khenthuong:notifications:index"))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
