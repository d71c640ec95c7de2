from django.db import migrations


def forwards(apps, schema_editor):
    from nominations.sync import sync_awards, sync_role_groups

    sync_awards(apps.get_model("nominations", "Award"))
    sync_role_groups(apps.get_model("auth", "Group"))


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
