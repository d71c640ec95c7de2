from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Thông báo và nhắc việc"

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
