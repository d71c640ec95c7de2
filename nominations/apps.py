from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sync_reference_data(sender, apps=None, **kwargs) -> None:
    """After every migrate (and every flush, which re-emits post_migrate): the award
    catalogue and the role groups match the code. Idempotent (nominations.sync)."""
    from .sync import sync_awards, sync_role_groups

    if apps is None:  # some senders (test flushes) pass no migration state
        from django.apps import apps

    sync_awards(apps.get_model("nominations", "Award"))
    sync_role_groups(apps.get_model("auth", "Group"))


class NominationsConfig(AppConfig):
    name = "nominations"
    verbose_name = "Hồ sơ đề nghị khen thưởng"

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the model receivers (history, files)

        post_migrate.connect(sync_reference_data, sender=self,
                             dispatch_uid="nominations.sync_reference_data")
