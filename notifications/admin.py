from django.contrib import admin

from .models import Notice, Preference, Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("kind", "dossier", "unit", "due_on", "send_on", "sent_at", "outcome",
                    "attempts")
    list_filter = ("kind", "outcome")
    date_hierarchy = "send_on"
    raw_id_fields = ("deadline", "dossier", "unit")


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("title", "recipient", "kind", "created_at", "read_at", "email_state",
                    "email_attempts", "email_message_id")
    list_filter = ("kind", "email_state")
    raw_id_fields = ("recipient", "dossier", "deadline", "reminder")
    search_fields = ("title", "recipient__username", "recipient__email", "email_message_id")


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "email_enabled", "delivery")
    raw_id_fields = ("user",)
