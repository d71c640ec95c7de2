"""Admin: read-mostly views of the bloc's year and council ballots. Votes, scores and
results are written only through blocs.services (the guards live there)."""

from django.contrib import admin

from . import models


class CriterionInline(admin.TabularInline):
    model = models.Criterion
    extra = 0
    filter_horizontal = ("eligible_units",)


@admin.register(models.Covenant)
class CovenantAdmin(admin.ModelAdmin):
    list_display = ("title", "bloc", "year", "signed_on")
    list_filter = ("year", "bloc__province")
    search_fields = ("title", "bloc__name")
    inlines = [CriterionInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.VoteSession)
class VoteSessionAdmin(ReadOnlyAdmin):
    list_display = ("bloc", "year", "status", "held_on", "members_count", "closed_at")
    list_filter = ("status", "year")
    exclude = ("minutes_docx",)


@admin.register(models.VoteItem)
class VoteItemAdmin(ReadOnlyAdmin):
    list_display = ("session", "nomination", "agree", "disagree", "result")
    list_filter = ("result",)


@admin.register(models.CouncilMeeting)
class CouncilMeetingAdmin(ReadOnlyAdmin):
    list_display = ("title", "province", "held_on", "status")
    list_filter = ("status", "province")
    exclude = ("minutes_docx",)


@admin.register(models.CouncilBallot)
class CouncilBallotAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "nomination", "threshold", "votes_for", "votes_against",
                    "members_count", "result")
    list_filter = ("result", "threshold")
