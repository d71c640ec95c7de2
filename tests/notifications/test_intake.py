"""DL-PROVINCE reminders: units that have not sent their year's dossier are reminded N working
days before the province's intake date and on the day, once per unit/year/kind."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import roles
from notifications import tasks
from notifications.models import Notice
from notifications.services.sweep import remind_intake, sweep
from tests.factories import (
    DossierFactory,
    ProvinceFactory,
    ProvinceSettingsFactory,
    UnitFactory,
    UserFactory,
)
from workdays.models import DayOverride

from .conftest import at

pytestmark = pytest.mark.django_db
INTAKE = date(2025, 12, 10)  # Wednesday
FIVE_BEFORE = date(2025, 12, 3)  # Wed: 4, 5, 8, 9, 10 are the five working days after it


@pytest.fixture(autouse=True)
def _five_days(settings):
    settings.INTAKE_REMINDER_DAYS_BEFORE = 5


@pytest.fixture
def province():
    province = ProvinceFactory()
    ProvinceSettingsFactory(province=province, intake_month=12, intake_day=10)
    return province


def unit_officer(province, **kwargs):
    return UserFactory(unit=UnitFactory(province=province), roles=[roles.UNIT_OFFICER],
                       **kwargs)


def intake_titles(user) -> list[str]:
    return list(Notice.objects.filter(recipient=user, kind=Notice.Kind.INTAKE_REMINDER)
                .order_by("pk").values_list("title", flat=True))


def run(day: date, hour: int = 7, minute: int = 5, **kwargs) -> dict:
    return remind_intake(now=at(day, hour, minute), **kwargs)


def test_unit_is_reminded_five_working_days_before_the_intake_date(province):
    officer = unit_officer(province)

    run(date(2025, 12, 2))
    assert intake_titles(officer) == []
    run(FIVE_BEFORE)

    assert intake_titles(officer) == [
        "Sắp đến hạn nộp hồ sơ khen thưởng năm 2025 của tỉnh (10/12/2025)"]
    assert "Còn 5 ngày làm việc" in Notice.objects.get(recipient=officer).body


def test_days_before_skip_the_provinces_days_off(province):
    DayOverride.objects.create(province=province, date=date(2025, 12, 8),
                               kind=DayOverride.Kind.OFF, note="Nghỉ bù")
    officer = unit_officer(province)

    run(date(2025, 12, 1))
    assert intake_titles(officer) == []
    run(date(2025, 12, 2))  # Tue: 3, 4, 5, (6-7 weekend, 8 off) 9, 10

    assert len(intake_titles(officer)) == 1
    assert "Còn 5 ngày làm việc" in Notice.objects.get(recipient=officer).body


def test_unit_is_reminded_on_the_intake_date(province):
    officer = unit_officer(province)

    run(INTAKE)

    assert intake_titles(officer) == [
        "Hôm nay là hạn nộp hồ sơ khen thưởng năm 2025 của tỉnh"]


def test_the_e_mail_follows_the_notice(province, mailoutbox):
    unit_officer(province, email="canbo@example.test")

    run(INTAKE)

    assert [m.to for m in mailoutbox] == [["canbo@example.test"]]


def test_the_celery_task_run_twice_reminds_once(province, monkeypatch):
    officer = unit_officer(province)
    monkeypatch.setattr(timezone, "now", lambda: at(FIVE_BEFORE, 7, 5))

    tasks.remind_intake.delay()
    tasks.remind_intake.delay()
    tasks.sweep.delay()

    assert len(intake_titles(officer)) == 1


def test_a_missed_before_day_is_caught_up_once_before_the_date(province):
    officer = unit_officer(province)

    run(date(2025, 12, 5))
    run(date(2025, 12, 8))

    assert len(intake_titles(officer)) == 1


def test_units_that_sent_their_dossier_are_not_reminded(province):
    waiting, sent = unit_officer(province), unit_officer(province)
    DossierFactory(unit=sent.unit, year=2025, status="bloc_vote",
                   submitted_at=at(date(2025, 11, 20)))
    DossierFactory(unit=waiting.unit, year=2025)  # a draft is not sent

    run(INTAKE)

    assert intake_titles(sent) == []
    assert len(intake_titles(waiting)) == 1


def test_unit_that_sends_after_planning_is_not_reminded(province):
    officer = unit_officer(province)
    run(FIVE_BEFORE, hour=6)  # planned before the send hour, not sent yet
    DossierFactory(unit=officer.unit, year=2025, status="bloc_vote",
                   submitted_at=at(FIVE_BEFORE, 6, 30))

    sweep(now=at(FIVE_BEFORE, 7, 10))

    assert intake_titles(officer) == []


def test_other_provinces_dates_are_their_own(province):
    other = ProvinceFactory()
    ProvinceSettingsFactory(province=other, intake_month=11, intake_day=25)
    here, there = unit_officer(province), unit_officer(other)

    run(INTAKE)

    assert len(intake_titles(here)) == 1
    assert intake_titles(there) == []


def test_reminder_job_queries_do_not_grow_with_the_number_of_units(province):
    from workdays.calendar import clear_cache

    for _ in range(2):
        unit_officer(province)
    with CaptureQueriesContext(connection) as few:
        run(INTAKE, dispatch=lambda ids: None)
    for _ in range(10):
        unit_officer(province)
    clear_cache()  # both runs read the calendar and step labels (cached per process)
    with CaptureQueriesContext(connection) as many:
        run(INTAKE, 7, 30, dispatch=lambda ids: None)  # the 10 new units, once each

    assert Notice.objects.filter(kind=Notice.Kind.INTAKE_REMINDER).count() == 2 + 10
    assert len(many) == len(few)
