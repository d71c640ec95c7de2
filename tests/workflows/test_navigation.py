"""The menu leads to live work (issue 12): who takes route tasks finds "Việc của tôi" and
"Việc chờ nhận" on every page; the inbox searches by nominee or dossier, counts per step and
says so in Vietnamese when it is empty; screens name steps, rules, awards and tasks instead
of showing their codes."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from eligibility import services as eligibility_services
from workflows import selectors, services

from .helpers import advance, execute_url, make_dossier, open_task, send

ROUTE_PEOPLE = ("officer", "head", "bloc_leader", "secretary", "specialist", "committee",
                "board_head")
CODES = re.compile(r"(?<![\w/.-])(?:[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)+)(?![\w/-])|#\d+(?:/\d+)?")


def visible_text(response) -> str:
    html = re.sub(r"<script.*?</script>|<style.*?</style>|<head>.*?</head>", " ",
                  response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def menu(response) -> str:
    page = response.content.decode()
    start = page.index('data-testid="main-menu"')
    return page[start:page.index("</vf-page-menu-navigation>", start)]


# ---------------------------------------------------------------- the menu


@pytest.mark.parametrize("person", ROUTE_PEOPLE)
def test_menu_links_the_inbox_and_the_queue_for_who_takes_route_tasks(world, client, person):
    client.force_login(getattr(world, person))

    links = menu(client.get(reverse("khenthuong:dossiers:index")))

    assert f'href="{reverse("khenthuong:route:inbox")}"' in links
    assert f'href="{reverse("khenthuong:route:queue")}"' in links
    assert "Việc của tôi" in links and "Việc chờ nhận" in links
    assert f'href="{reverse("khenthuong:index")}"' in links  # Trang làm việc


def test_manager_menu_links_the_status_page_and_no_inbox(world, client):
    client.force_login(world.manager)

    links = menu(client.get(reverse("khenthuong:dossiers:index")))

    assert f'href="{reverse("khenthuong:route:status")}"' in links
    assert reverse("khenthuong:route:inbox") not in links


def test_route_pages_keep_the_same_menu_with_the_task_counts(world, client):
    send(world, make_dossier(world))
    client.force_login(world.head)

    links = menu(client.get(reverse("khenthuong:route:queue")))

    assert reverse("khenthuong:dossiers:index") in links  # back to the dossiers
    assert re.search(r'data-testid="menu-queue">.*?mdc-list-item__meta">1<', links, re.S)


# ---------------------------------------------------------------- the inbox and the queue


def queue_of(client, user, **params):
    client.force_login(user)
    return client.get(reverse("khenthuong:route:queue"), params)


def test_queue_search_finds_a_dossier_by_nominee_name(world, client):
    wanted, other = make_dossier(world), make_dossier(world)
    for dossier in (wanted, other):
        advance(world, dossier, "board_appraisal")
    name = wanted.nominations.get().person.full_name

    rows = queue_of(client, world.specialist, q=name).context["rows"]

    assert [r["dossier_id"] for r in rows] == [wanted.pk]


def test_queue_search_finds_a_dossier_by_its_number(world, client):
    wanted, other = make_dossier(world), make_dossier(world)
    for dossier in (wanted, other):
        advance(world, dossier, "board_appraisal")

    rows = queue_of(client, world.specialist, q=f"#{wanted.pk}").context["rows"]

    assert [r["dossier_id"] for r in rows] == [wanted.pk]


def test_queue_counts_tasks_per_step_by_name(world, client):
    for _ in range(2):
        advance(world, make_dossier(world), "board_appraisal")

    response = queue_of(client, world.specialist)

    assert [(code, str(label), n) for code, label, n in response.context["step_counts"]] == [
        ("board_appraisal", "Ban Thi đua – Khen thưởng thẩm định", 2)]
    assert "Ban Thi đua – Khen thưởng thẩm định: 2" in visible_text(response)


def test_empty_inbox_says_where_new_work_arrives(world, client):
    client.force_login(world.specialist)

    page = visible_text(client.get(reverse("khenthuong:route:inbox")))

    assert "Bạn không có việc nào đang giữ." in page


def test_search_without_match_says_nothing_matches(world, client):
    advance(world, make_dossier(world), "board_appraisal")

    page = visible_text(queue_of(client, world.specialist, q="không có ai tên này"))

    assert "Không có việc nào khớp điều kiện lọc." in page


# ---------------------------------------------------------------- names, not codes


def test_dossier_page_names_eligibility_rules_instead_of_their_ids(world, client):
    dossier = make_dossier(world, "LDTT")
    eligibility_services.check_nominations([dossier.nominations.get().pk])
    client.force_login(world.officer)

    response = client.get(reverse("khenthuong:dossiers:detail", args=[dossier.pk]))

    text = visible_text(response)
    assert "Không đang bị xem xét kỷ luật, điều tra, khiếu nại" in text
    assert "GEN-PENDING" not in text and "LDTT-1" not in text
    assert 'data-rule="GEN-PENDING"' in response.content.decode()  # kept for machines


def test_review_screen_names_each_nomination_by_nominee_and_award(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    send(world, dossier)
    task = open_task(dossier, "unit_head_submit")
    services.claim_task(user=world.head, task=task)
    client.force_login(world.head)

    text = visible_text(client.get(execute_url(task)))

    assert "Chiến sĩ thi đua cấp tỉnh" in text
    assert not CODES.findall(text)


@pytest.mark.parametrize("view", ["assign", "detail"])
def test_task_pages_show_no_task_reference_codes(world, client, view):
    dossier = make_dossier(world)
    send(world, dossier)
    task = open_task(dossier, "unit_head_submit")
    client.force_login(world.head)

    text = visible_text(client.get(selectors.task_url(task, view)))

    assert dossier.title in text
    assert not CODES.findall(text)


def test_process_page_shows_no_task_reference_codes(world, client):
    dossier = make_dossier(world)
    send(world, dossier)
    process_id = open_task(dossier, "unit_head_submit").process_id
    client.force_login(world.manager)

    text = visible_text(client.get(reverse("khenthuong:route:process_detail",
                                           args=[process_id])))

    assert "Thủ trưởng đơn vị ký trình" in text
    assert not CODES.findall(text)


def test_task_list_is_in_vietnamese_with_step_and_dossier(world, client):
    dossier = make_dossier(world)
    send(world, dossier)
    client.force_login(world.manager)

    text = visible_text(client.get(reverse("khenthuong:route:task_list")))

    assert "Thủ trưởng đơn vị ký trình" in text and dossier.title in text
    for english in ("Process summary", "Unit Head Submit", "Start"):
        assert english not in text
    assert not CODES.findall(text)


def test_nomination_form_groups_awards_for_individuals_apart_from_collectives(world, client):
    dossier = make_dossier(world)
    client.force_login(world.officer)

    page = client.get(reverse("khenthuong:dossiers:add_nomination",
                              args=[dossier.pk])).content.decode()

    individual = re.search(r'<optgroup label="Cá nhân">(.*?)</optgroup>', page, re.S).group(1)
    collective = re.search(r'<optgroup label="Tập thể">(.*?)</optgroup>', page, re.S).group(1)
    assert "Chiến sĩ thi đua cơ sở" in individual and "Chiến sĩ thi đua cơ sở" not in collective
    assert "Cờ thi đua của UBND tỉnh" in collective and "Cờ thi đua" not in individual


def test_inbox_award_filter_groups_awards_for_individuals_apart_from_collectives(
        world, client):
    client.force_login(world.specialist)

    page = client.get(reverse("khenthuong:route:inbox")).content.decode()

    individual = re.search(r'<optgroup label="Cá nhân">(.*?)</optgroup>', page, re.S).group(1)
    assert "Chiến sĩ thi đua cơ sở" in individual and "Tập thể lao động" not in individual
    assert '<optgroup label="Tập thể">' in page
