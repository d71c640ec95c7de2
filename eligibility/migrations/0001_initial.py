# Issue 15: the models EligibilityResult and EligibilitySettings come from `nominations`
# without copying a row. nominations.0012 renamed their tables to the names this app gives
# them and removed the models from its state; here they enter this app's state only (no SQL),
# and their content types move from app_label "nominations" to "eligibility", so the
# permissions granted on them and the admin's log entries stay attached (same ids).

import django.db.models.deletion
import django.db.models.functions.comparison
import eligibility.models
from django.db import migrations, models

MODELS = ("eligibilityresult", "eligibilitysettings")


def _move_content_types(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    LogEntry = apps.get_model("admin", "LogEntry")
    for model in MODELS:
        source = ContentType.objects.filter(app_label=old, model=model).first()
        if source is None:  # a new database: created after the migrations, under `new`
            continue
        target = ContentType.objects.filter(app_label=new, model=model).first()
        if target is not None:
            # created meanwhile (a `migrate` stopped between the two apps' steps): what hangs
            # on it joins the old one, which keeps its id and the permissions granted
            LogEntry.objects.filter(content_type=target).update(content_type=source)
            kept = Permission.objects.filter(content_type=source).values_list("codename",
                                                                               flat=True)
            Permission.objects.filter(content_type=target, codename__in=list(kept)).delete()
            Permission.objects.filter(content_type=target).update(content_type=source)
            target.delete()
        source.app_label = new
        source.save(update_fields=["app_label"])
    # the running process's cache (ids by app label and model) is out of date now
    from django.contrib.contenttypes.models import ContentType as LiveContentType

    LiveContentType.objects.clear_cache()


def content_types_to_eligibility(apps, schema_editor):
    _move_content_types(apps, "nominations", "eligibility")


def content_types_to_nominations(apps, schema_editor):
    _move_content_types(apps, "eligibility", "nominations")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('nominations', '0012_eligibility_app'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('admin', '0003_logentry_add_action_flag_choices'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='EligibilityResult',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('state', models.CharField(choices=[('queued', 'Đang chờ kiểm tra'), ('done', 'Đã kiểm tra'), ('stale', 'Dữ liệu đã thay đổi – đang kiểm tra lại'), ('error', 'Lỗi khi kiểm tra')], db_index=True, default='queued', max_length=8, verbose_name='tình trạng')),
                        ('eligible', models.BooleanField(blank=True, null=True, verbose_name='đủ điều kiện')),
                        ('rules', models.JSONField(blank=True, default=list, verbose_name='các tiêu chí')),
                        ('rule_set', models.CharField(blank=True, max_length=60, verbose_name='bộ quy tắc')),
                        ('as_of', models.DateField(blank=True, null=True, verbose_name='áp dụng tại ngày')),
                        ('facts_hash', models.CharField(blank=True, max_length=64, verbose_name='dấu dữ liệu')),
                        ('checked_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm kiểm tra')),
                        ('error', models.TextField(blank=True, verbose_name='lỗi')),
                        ('queued_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm gửi kiểm tra')),
                        ('nomination', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='eligibility', to='nominations.nomination', verbose_name='đề nghị')),
                    ],
                    options={
                        'verbose_name': 'kết quả kiểm tra điều kiện',
                        'verbose_name_plural': 'kết quả kiểm tra điều kiện',
                    },
                ),
                migrations.CreateModel(
                    name='EligibilitySettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('one_use_initiatives', models.BooleanField(default=eligibility.models.default_one_use_initiatives, help_text='GEN-ONE-USE: sáng kiến, đề tài đã dùng để xét khen thưởng thì không được tính lại (Luật Điều 5 khoản 2 điểm c; CV 5007/BNV-TĐKT).', verbose_name='mỗi sáng kiến / đề tài chỉ dùng cho một lần khen')),
                        ('giay_khen_min_rating', models.CharField(blank=True, choices=[('HTXS', 'Hoàn thành xuất sắc nhiệm vụ'), ('HTT', 'Hoàn thành tốt nhiệm vụ'), ('HT', 'Hoàn thành nhiệm vụ'), ('KHT', 'Không hoàn thành nhiệm vụ')], default=eligibility.models.default_giay_khen_min_rating, help_text='Để trống: tiêu chuẩn Giấy khen do người thẩm định xem xét (Luật Điều 75 khoản 2).', max_length=4, verbose_name='tiêu chuẩn Giấy khen: xếp loại tối thiểu')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật')),
                        ('province', models.ForeignKey(blank=True, help_text='Để trống: áp dụng chung cho các tỉnh chưa có cấu hình riêng.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='nominations.province', verbose_name='tỉnh')),
                    ],
                    options={
                        'verbose_name': 'cấu hình xét điều kiện khen thưởng',
                        'verbose_name_plural': 'cấu hình xét điều kiện khen thưởng',
                        'constraints': [models.UniqueConstraint(django.db.models.functions.comparison.Coalesce('province', models.Value(0)), name='eligibility_settings_one_per_province', violation_error_message='Đã có cấu hình cho tỉnh này (hoặc đã có cấu hình mặc định chung).')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_eligibility, content_types_to_nominations),
    ]
