"""Issue 15's migrations on a database with rows: from the state before (the eligibility
models in `nominations`, the intake date on the eligibility settings) to the
`eligibility` app and `nominations.ProvinceSettings`, and back. Nothing is copied or lost:
the tables are renamed, the intake dates copied, and the content types moved so the
permissions granted and the admin's log entries stay attached."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from nominations.selectors import intake_deadline
from tests.factories import DossierFactory, ProvinceFactory, UnitFactory

from .conftest import individual_nomination

BEFORE = [("nominations", "0010_province_merged_into")]

pytestmark = pytest.mark.django_db(transaction=True)


def _migrate(targets):
    """Migrate to `targets` (the other apps stay where they are) and return the models of
    the database's state then."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    state = [(app, name) for app, name in executor.loader.graph.leaf_nodes()
             if app not in {label for label, _name in targets}
             and app not in {"nominations", "eligibility"}]
    return executor.loader.project_state(state + list(targets)).apps


def _leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_moving_the_models_keeps_rows_permissions_log_entries_and_intake_dates():
    leaves = _leaves()
    own, other, plain = ProvinceFactory(), ProvinceFactory(), ProvinceFactory()
    nomination = individual_nomination(DossierFactory(unit=UnitFactory(province=own),
                                                      year=2025), "CSTDCS")
    try:
        old = _migrate(BEFORE)
        tables = connection.introspection.table_names()
        assert "nominations_eligibilityresult" in tables
        assert "eligibility_eligibilityresult" not in tables

        # rows as the code before issue 15 wrote them
        Result = old.get_model("nominations", "EligibilityResult")
        Settings = old.get_model("nominations", "EligibilitySettings")
        ContentType = old.get_model("contenttypes", "ContentType")
        Permission = old.get_model("auth", "Permission")
        Group = old.get_model("auth", "Group")
        LogEntry = old.get_model("admin", "LogEntry")
        User = old.get_model("accounts", "User")
        Result.objects.filter(nomination_id=nomination.pk).delete()
        result = Result.objects.create(nomination_id=nomination.pk, state="done", eligible=True,
                                       rules=[{"id": "CSTDCS-1", "result": "pass"}],
                                       rule_set="luat-06-2022", facts_hash="f" * 64)
        default = Settings.objects.create(province=None, one_use_initiatives=True,
                                          giay_khen_min_rating="", intake_month=12,
                                          intake_day=10)
        mine = Settings.objects.create(province_id=own.pk, one_use_initiatives=False,
                                       giay_khen_min_rating="HTT", intake_month=11,
                                       intake_day=25)
        Settings.objects.create(province_id=other.pk, one_use_initiatives=True,
                                giay_khen_min_rating="", intake_month=None, intake_day=None)
        # content types and permissions as `migrate` left them before issue 15
        result_ct, _ = ContentType.objects.get_or_create(app_label="nominations",
                                                         model="eligibilityresult")
        settings_ct, _ = ContentType.objects.get_or_create(app_label="nominations",
                                                           model="eligibilitysettings")
        change, _ = Permission.objects.get_or_create(
            content_type=settings_ct, codename="change_eligibilitysettings",
            defaults={"name": "Can change"})
        view_result, _ = Permission.objects.get_or_create(
            content_type=result_ct, codename="view_eligibilityresult",
            defaults={"name": "Can view"})
        group = Group.objects.create(name="Cấu hình xét điều kiện (thử)")
        group.permissions.add(change, view_result)
        admin = User.objects.create(username="admin-migration", is_superuser=True,
                                    is_staff=True)
        entry = LogEntry.objects.create(user_id=admin.pk, content_type_id=settings_ct.pk,
                                        object_id=str(mine.pk), object_repr="mine",
                                        action_flag=2, change_message="[]")
        # a content type of the new app made meanwhile (a migrate stopped halfway): merged
        early = ContentType.objects.create(app_label="eligibility", model="eligibilityresult")
        Permission.objects.create(content_type=early, codename="view_eligibilityresult",
                                  name="Can view")
        Permission.objects.create(content_type=early, codename="add_eligibilityresult",
                                  name="Can add")
        early_entry = LogEntry.objects.create(
            user_id=admin.pk, content_type_id=early.pk, object_id=str(result.pk),
            object_repr="early", action_flag=2, change_message="[]")

        new = _migrate(leaves)
    finally:
        _migrate(_leaves())  # the test database is left migrated, whatever happened

    tables = connection.introspection.table_names()
    assert "eligibility_eligibilityresult" in tables
    assert "nominations_eligibilityresult" not in tables

    from django.contrib.admin.models import LogEntry as LiveLogEntry
    from django.contrib.auth.models import Group as LiveGroup
    from django.contrib.contenttypes.models import ContentType as LiveContentType

    from eligibility.models import EligibilityResult, EligibilitySettings
    from nominations.models import ProvinceSettings

    # the rows, with their ids
    stored = EligibilityResult.objects.get(pk=result.pk)
    assert (stored.nomination_id, stored.state, stored.eligible, stored.rules) == (
        nomination.pk, "done", True, [{"id": "CSTDCS-1", "result": "pass"}])
    assert nomination.eligibility == stored  # the reverse accessor still works
    assert set(EligibilitySettings.objects.values_list(
        "pk", "province_id", "one_use_initiatives", "giay_khen_min_rating")) >= {
        (default.pk, None, True, ""), (mine.pk, own.pk, False, "HTT")}
    assert not hasattr(EligibilitySettings, "intake_month")
    # the intake dates, in the province's settings
    assert set(ProvinceSettings.objects.values_list("province_id", "intake_month",
                                                    "intake_day")) == {
        (None, 12, 10), (own.pk, 11, 25), (other.pk, None, None)}
    assert intake_deadline(own, 2025) == date(2025, 11, 25)
    assert intake_deadline(other, 2025) is None
    assert intake_deadline(plain, 2025) == date(2025, 12, 10)

    # content types keep their ids: permissions granted and log entries stay attached
    assert LiveContentType.objects.get(pk=result_ct.pk).app_label == "eligibility"
    assert LiveContentType.objects.get(pk=settings_ct.pk).app_label == "eligibility"
    assert LiveContentType.objects.filter(model="eligibilityresult").count() == 1
    assert LiveContentType.objects.get_for_model(EligibilityResult).pk == result_ct.pk
    granted = {f"{p.content_type.app_label}.{p.codename}"
               for p in LiveGroup.objects.get(pk=group.pk).permissions.all()}
    assert granted == {"eligibility.change_eligibilitysettings",
                       "eligibility.view_eligibilityresult"}
    assert LiveLogEntry.objects.get(pk=entry.pk).get_edited_object() == \
        EligibilitySettings.objects.get(pk=mine.pk)
    assert LiveLogEntry.objects.get(pk=early_entry.pk).content_type_id == result_ct.pk
    assert set(LiveContentType.objects.get(pk=result_ct.pk).permission_set.values_list(
        "codename", flat=True)) >= {"view_eligibilityresult", "add_eligibilityresult"}
    assert new.get_model("eligibility", "EligibilityResult")._meta.db_table == \
        "eligibility_eligibilityresult"


def test_the_migrations_go_back_to_the_state_before_with_the_rows():
    leaves = _leaves()
    province = ProvinceFactory()
    nomination = individual_nomination(DossierFactory(unit=UnitFactory(province=province),
                                                      year=2025), "CSTDCS")
    from eligibility.models import EligibilityResult, EligibilitySettings
    from nominations.models import ProvinceSettings

    EligibilitySettings.objects.create(province=province, giay_khen_min_rating="HT")
    ProvinceSettings.objects.create(province=province, intake_month=11, intake_day=30)
    # (after the settings: a new settings row re-checks the province's nominations)
    EligibilityResult.objects.update_or_create(nomination=nomination,
                                               defaults={"state": "done", "eligible": False})
    try:
        old = _migrate(BEFORE)
        Result = old.get_model("nominations", "EligibilityResult")
        Settings = old.get_model("nominations", "EligibilitySettings")
        assert Result.objects.get(nomination_id=nomination.pk).eligible is False
        assert Settings.objects.filter(province_id=province.pk).values_list(
            "giay_khen_min_rating", "intake_month", "intake_day").get() == ("HT", 11, 30)
    finally:
        _migrate(leaves)
    assert EligibilityResult.objects.get(nomination=nomination).eligible is False
    assert ProvinceSettings.objects.get(province=province).intake_day == 30
