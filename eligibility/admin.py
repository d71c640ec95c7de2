from django.contrib import admin

from . import models


@admin.register(models.EligibilitySettings)
class EligibilitySettingsAdmin(admin.ModelAdmin):
    """Province-configurable pieces of the eligibility check (eligibility/selectors.py).
    A new row starts from settings.ELIGIBILITY; the row without a province is the default.
    The province's intake date is in its own settings (nominations.ProvinceSettings)."""

    list_display = ("__str__", "province", "one_use_initiatives", "giay_khen_min_rating",
                    "updated_at")
    list_select_related = ("province",)
    fields = ("province", "one_use_initiatives", "giay_khen_min_rating")
