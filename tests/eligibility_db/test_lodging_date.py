"""Transitional dossiers (issue 13): a dossier the unit sent before NĐ 152/2025 took effect
(01/07/2025) is judged under NĐ 98/2023 however late it is checked; and the checklist shows
[I] on entries that rest on our interpretation."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from eligibility import services as eligibility_services
from eligibility.models import EligibilityResult

from .conftest import TODAY, individual_nomination

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _gen_pending_citation(result: EligibilityResult) -> str:
    return next(r["citation"] for r in result.rules if r["id"] == "GEN-PENDING")


def test_a_dossier_lodged_before_1_july_2025_is_judged_under_decree_98(dossier):
    dossier.submitted_at = datetime(2025, 6, 30, 23, 30, tzinfo=HCM)  # still 30/06 locally
    dossier.save(update_fields=["submitted_at"])
    nomination = individual_nomination(dossier, "LDTT")

    eligibility_services.check_nominations([nomination.pk], today=TODAY)

    result = EligibilityResult.objects.get(nomination=nomination)
    assert result.rule_set == "luat-06-2022+nd-98-2023"
    assert result.as_of == date(2025, 6, 30)  # the day whose texts judged it
    assert _gen_pending_citation(result) == "NĐ 98/2023/NĐ-CP, Điều 4 khoản 4"


def test_a_dossier_lodged_from_1_july_2025_is_judged_under_decree_152(dossier):
    dossier.submitted_at = datetime(2025, 7, 1, 0, 30, tzinfo=HCM)
    dossier.save(update_fields=["submitted_at"])
    nomination = individual_nomination(dossier, "LDTT")

    eligibility_services.check_nominations([nomination.pk], today=TODAY)

    result = EligibilityResult.objects.get(nomination=nomination)
    assert result.rule_set == "luat-06-2022+nd-152-2025"
    assert "NĐ 152/2025/NĐ-CP" in _gen_pending_citation(result)


def test_the_checklist_marks_interpretations_with_i(client, officer, dossier):
    nomination = individual_nomination(dossier, "CSTD_TINH")  # CSTD_TINH-2: our window
    eligibility_services.check_nominations([nomination.pk], today=TODAY)
    client.force_login(officer)

    page = client.get(reverse("khenthuong:dossiers:detail", args=[dossier.pk])).content.decode()

    stored = EligibilityResult.objects.get(nomination=nomination).rules
    flagged = [r["id"] for r in stored if r["confidence"] == "I"]
    assert "CSTD_TINH-2" in flagged
    assert page.count('data-testid="eligibility-interpretation"') == len(flagged)
