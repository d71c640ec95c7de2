from django.contrib import admin

from .models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Read-only: jobs are written by imports.services."""

    list_display = ("original_name", "kind", "status", "created_by", "created_at",
                    "rows_done", "total_rows")
    list_filter = ("kind", "status")
    list_select_related = ("created_by",)
    exclude = ("content",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
