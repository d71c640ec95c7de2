"""Due dates in working days (workdays.calendar): weekends, Vietnamese public holidays
(Tết, 30/4–1/5, 2/9), national and provincial make-up working days, configurable steps."""

from datetime import date

import pytest

from tests.factories import ProvinceFactory
from workdays.calendar import WorkingCalendar, due_date_for
from workdays.models import DayOverride, StepDuration

pytestmark = pytest.mark.django_db


def test_return_due_date_skips_tet_2025():
    # Tết Ất Tỵ: Mon 27/1 – Fri 31/1/2025 off; five working days after Fri 24/1.
    assert due_date_for("unit_revise", date(2025, 1, 24)) == date(2025, 2, 7)


def test_appraisal_due_date_of_20_working_days_skips_tet_2025():
    # 4 working days before Tết, then 16 from Mon 3/2/2025.
    assert due_date_for("board_appraisal", date(2025, 1, 20)) == date(2025, 2, 24)


def test_return_due_date_skips_tet_2026():
    # Tết Bính Ngọ: Mon 16/2 – Fri 20/2/2026 off.
    assert due_date_for("unit_revise", date(2026, 2, 13)) == date(2026, 2, 27)


def test_due_date_skips_30_april_1_may_and_the_bridged_2_may_2025():
    # 30/4 (Wed), 1/5 (Thu) and 2/5/2025 (Fri, swapped with Sat 26/4) are off.
    assert due_date_for("unit_revise", date(2025, 4, 28)) == date(2025, 5, 8)


def test_national_make_up_saturday_26_april_2025_counts_as_a_working_day():
    assert WorkingCalendar().is_working_day(date(2025, 4, 26))
    # Fri 25/4, Sat 26/4 (make-up), Mon 28/4, Tue 29/4, then 30/4–2/5 off, Mon 5/5.
    assert due_date_for("unit_revise", date(2025, 4, 24)) == date(2025, 5, 5)


def test_due_date_skips_national_day_2_september_2025():
    # 1/9 (Mon) and 2/9/2025 (Tue) are off.
    assert due_date_for("unit_revise", date(2025, 8, 29)) == date(2025, 9, 9)


def test_due_date_skips_national_day_2026_with_its_bridged_monday():
    # 31/8/2026 (Mon, swapped with Sat 22/8), 1/9 and 2/9 are off.
    assert due_date_for("unit_revise", date(2026, 8, 28)) == date(2026, 9, 9)


def test_province_make_up_working_day_counts_only_in_that_province():
    province, other = ProvinceFactory(), ProvinceFactory()
    DayOverride.objects.create(province=province, date=date(2025, 5, 10),
                               kind=DayOverride.Kind.WORKING, note="Làm bù")

    assert due_date_for("unit_revise", date(2025, 5, 8), province.id) == date(2025, 5, 14)
    assert due_date_for("unit_revise", date(2025, 5, 8), other.id) == date(2025, 5, 15)


def test_province_off_day_is_skipped_only_in_that_province():
    province, other = ProvinceFactory(), ProvinceFactory()
    DayOverride.objects.create(province=province, date=date(2025, 5, 12),
                               kind=DayOverride.Kind.OFF, note="Nghỉ thêm")

    assert due_date_for("unit_revise", date(2025, 5, 8), province.id) == date(2025, 5, 16)
    assert due_date_for("unit_revise", date(2025, 5, 8), other.id) == date(2025, 5, 15)


def test_step_duration_set_in_the_admin_replaces_the_default():
    StepDuration.objects.update_or_create(step="board_appraisal",
                                          defaults={"working_days": 10})

    assert due_date_for("board_appraisal", date(2025, 3, 3)) == date(2025, 3, 17)


def test_subtracting_working_days_skips_tet_backwards():
    # Two working days before Mon 3/2/2025: Fri 24/1 (Tết week skipped), Thu 23/1.
    assert WorkingCalendar().subtract_working_days(date(2025, 2, 3), 2) == date(2025, 1, 23)
