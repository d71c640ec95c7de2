"""Checking nominations from the database and storing the verdicts: queueing on change,
stale marking when history changes, the cheap re-check, batches."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eligibility import services as eligibility_services
from eligibility.models import EligibilityResult, EligibilitySettings
from eligibility.tasks import check_batch, recheck_dossier
from nominations import services, signals
from nominations.models import Nomination
from tests.factories import (
    BlocFactory,
    BlocMembershipFactory,
    DossierFactory,
    HonourFactory,
    PersonFactory,
    YearRecordFactory,
    award,
)

from .conftest import TODAY, individual_nomination, many_nominations

pytestmark = pytest.mark.django_db

State = EligibilityResult.State


def test_check_stores_the_verdict_rule_by_rule_with_rule_set_and_hash(dossier):
    nomination = individual_nomination(dossier, "CSTDCS")

    report = eligibility_services.check_nominations([nomination.pk], today=TODAY)

    result = EligibilityResult.objects.get(nomination=nomination)
    assert report.written == 1
    assert result.state == State.DONE
    assert result.eligible is True
    assert result.rule_set == "luat-06-2022+nd-152-2025"
    assert result.as_of == TODAY
    assert len(result.facts_hash) == 64
    assert result.checked_at is not None
    by_id = {r["id"]: r["result"] for r in result.rules}
    assert by_id == {"GEN-PENDING": "pass", "GEN-DISCIPLINE": "pass", "GEN-POSTHUMOUS": "pass",
                     "GEN-BASIS": "pass", "GEN-ONE-USE": "pass", "GEN-LOWER": "pass",
                     "CSTDCS-1": "pass", "CSTDCS-2": "pass"}
    assert all(r["citation"] and r["message"] for r in result.rules)


def test_a_failing_rule_is_stored_as_not_eligible(dossier):
    person = PersonFactory(unit=dossier.unit)
    YearRecordFactory(person=person, year=2025, rating="HT", months_in_service=12)
    nomination = Nomination.objects.create(dossier=dossier, person=person, award=award("LDTT"))

    eligibility_services.check_nominations([nomination.pk], today=TODAY)

    result = EligibilityResult.objects.get(nomination=nomination)
    assert result.eligible is False
    assert {r["id"]: r["result"] for r in result.rules}["LDTT-1"] == "fail"


def test_unchanged_facts_hash_does_not_rewrite_the_result(dossier):
    nomination = individual_nomination(dossier, "LDTT")
    eligibility_services.check_nominations([nomination.pk], today=TODAY)
    first = EligibilityResult.objects.get(nomination=nomination)

    report = eligibility_services.check_nominations([nomination.pk], today=TODAY)

    again = EligibilityResult.objects.get(nomination=nomination)
    assert (report.written, report.unchanged) == (0, 1)
    assert again.checked_at == first.checked_at
    assert again.facts_hash == first.facts_hash


def test_changed_history_rewrites_the_result_with_a_new_hash(dossier):
    nomination = individual_nomination(dossier, "LDTT")
    eligibility_services.check_nominations([nomination.pk], today=TODAY)
    first = EligibilityResult.objects.get(nomination=nomination)
    nomination.person.year_records.filter(year=2025).update(rating="KHT")

    report = eligibility_services.check_nominations([nomination.pk], today=TODAY)

    again = EligibilityResult.objects.get(nomination=nomination)
    assert report.written == 1
    assert again.facts_hash != first.facts_hash
    assert again.eligible is False


def test_history_change_marks_the_result_stale_and_requeues_the_check(
        dossier, django_capture_on_commit_callbacks):
    nomination = individual_nomination(dossier, "LDTT")
    eligibility_services.check_nominations([nomination.pk])
    assert EligibilityResult.objects.get(nomination=nomination).eligible is None
    nomination.person.year_records.filter(year=2025).update(rating="KHT")

    with django_capture_on_commit_callbacks() as queued:
        signals.history_changed.send(sender=None, person_ids=[nomination.person_id],
                                     collective_ids=[])

    assert EligibilityResult.objects.get(nomination=nomination).state == State.STALE
    assert len(queued) == 1
    queued[0]()  # the queued check (Celery runs eagerly in this test)
    result = EligibilityResult.objects.get(nomination=nomination)
    assert result.state == State.DONE
    assert result.eligible is False


def test_history_change_leaves_decided_nominations_alone(dossier):
    nomination = individual_nomination(dossier, "LDTT", status="awarded")
    eligibility_services.check_nominations([nomination.pk])

    requeued = eligibility_services.mark_stale(person_ids=[nomination.person_id])

    assert requeued == []
    assert EligibilityResult.objects.get(nomination=nomination).state == State.DONE


def test_stale_result_with_unchanged_facts_is_settled_without_rewriting(dossier):
    nomination = individual_nomination(dossier, "LDTT")
    eligibility_services.check_nominations([nomination.pk], today=TODAY)
    first = EligibilityResult.objects.get(nomination=nomination)
    EligibilityResult.objects.filter(pk=first.pk).update(state=State.STALE)

    report = eligibility_services.check_nominations([nomination.pk], today=TODAY)

    again = EligibilityResult.objects.get(nomination=nomination)
    assert report.unchanged == 1
    assert again.state == State.DONE
    assert again.checked_at == first.checked_at


def test_adding_a_nomination_through_the_service_queues_and_stores_its_check(
        officer, dossier, django_capture_on_commit_callbacks):
    person = PersonFactory(unit=dossier.unit)
    YearRecordFactory(person=person, year=2025, rating="HTT", months_in_service=12)

    with django_capture_on_commit_callbacks(execute=True):
        nomination = services.add_nomination(user=officer, dossier=dossier,
                                             award=award("LDTT"), person=person)

    result = EligibilityResult.objects.get(nomination=nomination)
    assert result.state == State.DONE
    assert {r["id"] for r in result.rules} >= {"LDTT-1", "LDTT-2", "LDTT-3"}


def test_changing_a_nomination_marks_its_result_stale_until_rechecked(
        officer, dossier, django_capture_on_commit_callbacks):
    nomination = individual_nomination(dossier, "LDTT")
    eligibility_services.check_nominations([nomination.pk])

    with django_capture_on_commit_callbacks() as saved:
        services.update_nomination(user=officer, nomination=nomination, award=award("CSTDCS"))
    with django_capture_on_commit_callbacks() as queued:
        for announce in saved:  # the service's on_commit: nominations_changed is sent
            announce()

    assert EligibilityResult.objects.get(nomination=nomination).state == State.STALE
    for send_check in queued:  # the receiver's on_commit: the check task (eager here)
        send_check()
    result = EligibilityResult.objects.get(nomination=nomination)
    assert result.state == State.DONE
    assert {r["id"] for r in result.rules} >= {"CSTDCS-1", "CSTDCS-2"}


def test_malformed_facts_are_stored_as_an_error_naming_the_field(dossier):
    person = PersonFactory(unit=dossier.unit)
    # a person holding a collective title: the history is wrong, not the engine
    HonourFactory(person=person, award=award("TTLDTT"), year=2025)
    nomination = Nomination.objects.create(dossier=dossier, person=person, award=award("LDTT"))

    report = eligibility_services.check_nominations([nomination.pk], today=TODAY)

    result = EligibilityResult.objects.get(nomination=nomination)
    assert report.errors == [nomination.pk]
    assert result.state == State.ERROR
    assert "nominee.years[0].titles" in result.error


def test_province_settings_decide_the_giay_khen_rule(dossier):
    person = PersonFactory(unit=dossier.unit)
    YearRecordFactory(person=person, year=2025, rating="HTT", months_in_service=12)
    nomination = Nomination.objects.create(dossier=dossier, person=person,
                                           award=award("GIAY_KHEN"))
    EligibilitySettings.objects.create(province=dossier.unit.province,
                                       giay_khen_min_rating="HTXS")

    eligibility_services.check_nominations([nomination.pk], today=TODAY)

    result = EligibilityResult.objects.get(nomination=nomination)
    assert {r["id"]: r["result"] for r in result.rules}["GIAY_KHEN"] == "fail"


def test_checking_takes_the_same_number_of_queries_for_3_and_30_nominations():
    small = [n.pk for n in many_nominations(3)]
    large = [n.pk for n in many_nominations(30)]

    with CaptureQueriesContext(connection) as few:
        eligibility_services.check_nominations(small, today=TODAY)
    with CaptureQueriesContext(connection) as many:
        eligibility_services.check_nominations(large, today=TODAY)

    assert len(few.captured_queries) == len(many.captured_queries)


def test_recheck_dossier_checks_every_nomination_of_the_dossier(dossier):
    ids = {individual_nomination(dossier, code).pk for code in ("LDTT", "CSTDCS")}

    recheck_dossier.delay(dossier.pk)

    assert set(EligibilityResult.objects.filter(state=State.DONE)
               .values_list("nomination_id", flat=True)) == ids


def test_check_batch_checks_the_nominations_of_a_bloc_in_chunks():
    bloc = BlocFactory()
    inside = many_nominations(3)
    outside = many_nominations(1)
    for n in inside:
        BlocMembershipFactory(bloc=bloc, unit=n.dossier.unit, year=2025)

    outcome = check_batch.delay(bloc_id=bloc.pk, chunk_size=2).get()

    assert outcome == {"nominations": 3, "chunks": 2}
    checked = set(EligibilityResult.objects.values_list("nomination_id", flat=True))
    assert checked == {n.pk for n in inside}
    assert outside[0].pk not in checked


def test_check_batch_by_year_leaves_other_years_alone():
    this_year = many_nominations(2)
    other = individual_nomination(DossierFactory(year=2024), "LDTT")

    check_batch.delay(year=2025).get()

    checked = set(EligibilityResult.objects.values_list("nomination_id", flat=True))
    assert checked == {n.pk for n in this_year}
    assert other.pk not in checked


def test_deleted_nominations_in_a_batch_are_ignored(dossier):
    nomination = individual_nomination(dossier, "LDTT")

    report = eligibility_services.check_nominations([nomination.pk, 999_999],
                                                    today=date(2025, 6, 1))

    assert report.checked == 1
