from django.contrib import admin

from .models import DayOverride, StepDuration


@admin.register(DayOverride)
class DayOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "province", "note")
    list_filter = ("kind", "province")
    date_hierarchy = "date"


@admin.register(StepDuration)
class StepDurationAdmin(admin.ModelAdmin):
    list_display = ("step", "label", "working_days", "citation")
    list_editable = ("working_days",)
