"""DL-PROVINCE: the province's intake date for a year's dossiers, shown on the dossier pages
with an informative "sent after the deadline" flag."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nominations.selectors import intake_deadline
from tests.factories import (
    DossierFactory,
    ProvinceFactory,
    ProvinceSettingsFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_deadline_is_the_provinces_own_day_and_month_in_the_achievement_year():
    province = ProvinceFactory()
    ProvinceSettingsFactory(province=province, intake_month=11, intake_day=25)
    ProvinceSettingsFactory(province=None, intake_month=12, intake_day=10)

    assert intake_deadline(province, 2025) == date(2025, 11, 25)


def test_province_without_its_own_row_takes_the_default_row():
    ProvinceSettingsFactory(province=None, intake_month=12, intake_day=10)

    assert intake_deadline(ProvinceFactory(), 2024) == date(2024, 12, 10)


def test_no_deadline_when_no_intake_date_is_configured():
    ProvinceSettingsFactory(province=None, intake_month=None, intake_day=None)

    assert intake_deadline(ProvinceFactory(), 2025) is None


def test_day_past_the_months_end_is_the_months_last_day():
    province = ProvinceFactory()
    ProvinceSettingsFactory(province=province, intake_month=2, intake_day=31)

    assert intake_deadline(province.pk, 2025) == date(2025, 2, 28)


@pytest.fixture
def officer():
    unit = UnitFactory()
    ProvinceSettingsFactory(province=unit.province, intake_month=12, intake_day=10)
    return UserFactory(unit=unit, roles=["unit_officer"])


def test_dossier_page_shows_the_provinces_deadline(client, officer):
    dossier = DossierFactory(unit=officer.unit, year=2025)
    client.force_login(officer)

    html = client.get(reverse("khenthuong:dossiers:detail", args=[dossier.pk])).content.decode()

    assert "Hạn nộp hồ sơ của tỉnh: 10/12/2025" in html
    assert "Nộp sau hạn của tỉnh" not in html


def test_dossier_sent_after_the_deadline_is_flagged_late(client, officer):
    dossier = DossierFactory(unit=officer.unit, year=2025, status="bloc_vote",
                             submitted_at=datetime(2025, 12, 11, 9, 0, tzinfo=HCM))
    client.force_login(officer)

    html = client.get(reverse("khenthuong:dossiers:detail", args=[dossier.pk])).content.decode()

    assert "Nộp sau hạn của tỉnh" in html


def test_dossier_sent_on_the_deadline_is_not_late(client, officer):
    dossier = DossierFactory(unit=officer.unit, year=2025, status="bloc_vote",
                             submitted_at=datetime(2025, 12, 10, 23, 0, tzinfo=HCM))
    client.force_login(officer)

    html = client.get(reverse("khenthuong:dossiers:detail", args=[dossier.pk])).content.decode()

    assert "Nộp sau hạn của tỉnh" not in html


def test_manager_list_shows_deadlines_with_a_fixed_number_of_queries(client):
    manager = UserFactory(province=ProvinceFactory(), roles=["board_specialist"])
    client.force_login(manager)

    def add_units(n):
        for _ in range(n):
            unit = UnitFactory(province=manager.province)
            DossierFactory(unit=unit, year=2025, status="bloc_vote",
                           submitted_at=datetime(2025, 12, 12, 9, 0, tzinfo=HCM))

    ProvinceSettingsFactory(province=manager.province, intake_month=12, intake_day=10)
    add_units(2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("khenthuong:dossiers:index"))
    add_units(8)
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("khenthuong:dossiers:index")).content.decode()

    assert html.count("Nộp sau hạn của tỉnh") == 10
    assert "10/12/2025" in html
    assert len(many) == len(few)
