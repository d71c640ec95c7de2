# Issue 15: EligibilityResult and EligibilitySettings move to the `eligibility` app without
# copying a row. Here: the intake date (copied to ProvinceSettings by 0011) leaves the
# eligibility settings, the two tables are renamed to the names the new app gives them
# (ALTER TABLE ... RENAME TO: rows, indexes, constraints and sequences stay), and the models
# leave this app's state only. `eligibility.0001_initial` takes them over in its state and
# moves their content types (permissions, admin log entries) to the new app.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('nominations', '0011_province_settings'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='eligibilitysettings',
            name='eligibility_settings_intake_both_or_none',
        ),
        migrations.RemoveField(
            model_name='eligibilitysettings',
            name='intake_month',
        ),
        migrations.RemoveField(
            model_name='eligibilitysettings',
            name='intake_day',
        ),
        migrations.AlterModelTable(
            name='eligibilityresult',
            table='eligibility_eligibilityresult',
        ),
        migrations.AlterModelTable(
            name='eligibilitysettings',
            table='eligibility_eligibilitysettings',
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='EligibilityResult'),
                migrations.DeleteModel(name='EligibilitySettings'),
            ],
            database_operations=[],
        ),
    ]
