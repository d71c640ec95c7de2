from django.apps import AppConfig


class EligibilityAppConfig(AppConfig):
    """The eligibility check under the 2022 law: the pure engine (`eligibility.engine`),
    the facts read from the database, the stored verdicts and their Celery tasks
    (docs/eligibility.md)."""

    name = "eligibility"
    verbose_name = "Kiểm tra điều kiện khen thưởng"

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the receivers
