from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = "Quy trình xét duyệt"

    def ready(self) -> None:
        from . import flows, receivers  # noqa: F401 - register the flow and the receivers
