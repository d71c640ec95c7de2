from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "workdays"
    verbose_name = "Lịch ngày làm việc và thời hạn"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .calendar import clear_cache
        from .models import DayOverride, StepDuration

        for model in (DayOverride, StepDuration):
            post_save.connect(clear_cache, sender=model,
                              dispatch_uid=f"workdays.{model.__name__}.s")
            post_delete.connect(clear_cache, sender=model,
                                dispatch_uid=f"workdays.{model.__name__}.d")
