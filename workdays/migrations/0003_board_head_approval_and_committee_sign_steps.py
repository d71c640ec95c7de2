"""Durations of the two steps added to the route (issue 12): the Trưởng Ban's approval of the
appraisal and the Chủ tịch UBND tỉnh's signature, so they show in the admin like the others."""

from django.db import migrations

LABELS = {
    "board_head_approval": "Trưởng Ban phê duyệt",
    "committee_sign": "Chủ tịch UBND tỉnh ký quyết định",
}
DAYS = {"board_head_approval": 3, "committee_sign": 5}


def forwards(apps, schema_editor):
    StepDuration = apps.get_model("workdays", "StepDuration")
    for step, days in DAYS.items():
        StepDuration.objects.get_or_create(
            step=step, defaults={"working_days": days, "citation": "", "label": LABELS[step]})


def backwards(apps, schema_editor):
    apps.get_model("workdays", "StepDuration").objects.filter(step__in=list(DAYS)).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0002_default_durations")]
    operations = [migrations.RunPython(forwards, backwards)]
