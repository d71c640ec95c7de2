from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Đơn vị công tác"), {"fields": ("full_name", "position", "province", "unit")}),
    )
    list_display = ("username", "full_name", "unit", "province", "is_staff")
    list_filter = ("groups", "province", "is_staff")
    list_select_related = ("unit", "province")
    search_fields = ("username", "full_name", "email")
    autocomplete_fields = ("unit",)
