# Issue 15: the province's intake date (DL-PROVINCE) leaves the eligibility settings for the
# province's own settings. The rows are copied as they are (the row without a province, the
# shared default, included), so every province keeps the intake date it had.

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.comparison
import nominations.models
from django.db import migrations, models


def copy_intake(apps, schema_editor):
    EligibilitySettings = apps.get_model("nominations", "EligibilitySettings")
    ProvinceSettings = apps.get_model("nominations", "ProvinceSettings")
    ProvinceSettings.objects.bulk_create([
        ProvinceSettings(province_id=row.province_id, intake_month=row.intake_month,
                         intake_day=row.intake_day)
        for row in EligibilitySettings.objects.order_by("pk")
    ])


def copy_intake_back(apps, schema_editor):
    """Back to the eligibility settings: each province's row gets its intake date again (a
    province with an intake row and no eligibility row gets one, with the field defaults)."""
    EligibilitySettings = apps.get_model("nominations", "EligibilitySettings")
    ProvinceSettings = apps.get_model("nominations", "ProvinceSettings")
    for row in ProvinceSettings.objects.order_by("pk"):
        updated = EligibilitySettings.objects.filter(province_id=row.province_id).update(
            intake_month=row.intake_month, intake_day=row.intake_day)
        if not updated:
            EligibilitySettings.objects.create(province_id=row.province_id,
                                               intake_month=row.intake_month,
                                               intake_day=row.intake_day)


class Migration(migrations.Migration):

    dependencies = [
        ('nominations', '0010_province_merged_into'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProvinceSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('intake_month', models.PositiveSmallIntegerField(blank=True, default=nominations.models.default_intake_month, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)], verbose_name='tháng nhận hồ sơ hằng năm')),
                ('intake_day', models.PositiveSmallIntegerField(blank=True, default=nominations.models.default_intake_day, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(31)], verbose_name='ngày nhận hồ sơ hằng năm')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật')),
                ('province', models.OneToOneField(blank=True, help_text='Để trống: áp dụng chung cho các tỉnh chưa có cấu hình riêng.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='settings', to='nominations.province', verbose_name='tỉnh')),
            ],
            options={
                'verbose_name': 'cấu hình của tỉnh',
                'verbose_name_plural': 'cấu hình của tỉnh',
                'constraints': [models.UniqueConstraint(django.db.models.functions.comparison.Coalesce('province', models.Value(0)), name='province_settings_one_per_province', violation_error_message='Đã có cấu hình cho tỉnh này (hoặc đã có cấu hình mặc định chung).'), models.CheckConstraint(condition=models.Q(models.Q(('intake_day__isnull', True), ('intake_month__isnull', True)), models.Q(('intake_day__isnull', False), ('intake_month__isnull', False)), _connector='OR'), name='province_settings_intake_both_or_none', violation_error_message='Nhập cả ngày và tháng nhận hồ sơ, hoặc để trống cả hai.')],
            },
        ),
        migrations.RunPython(copy_intake, copy_intake_back),
    ]
