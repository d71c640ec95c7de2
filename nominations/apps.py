from django.apps import AppConfig


class NominationsConfig(AppConfig):
    name = "nominations"
    verbose_name = "Hồ sơ đề nghị khen thưởng"

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the eligibility receivers
