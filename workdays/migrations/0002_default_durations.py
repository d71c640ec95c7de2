from django.db import migrations

LABELS = {
    "unit_head_submit": "Thủ trưởng đơn vị ký trình",
    "bloc_vote": "Khối/Cụm bình xét",
    "council_review": "Hội đồng TĐKT xem xét",
    "board_appraisal": "Ban Thi đua – KT thẩm định",
    "committee_decision": "UBND tỉnh quyết định",
    "unit_revise": "Đơn vị bổ sung hồ sơ bị trả lại",
}


def forwards(apps, schema_editor):
    from workdays.calendar import DEFAULT_STEP_DAYS

    StepDuration = apps.get_model("workdays", "StepDuration")
    for step, (days, citation) in DEFAULT_STEP_DAYS.items():
        StepDuration.objects.get_or_create(
            step=step,
            defaults={"working_days": days, "citation": citation, "label": LABELS.get(step, "")},
        )


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
