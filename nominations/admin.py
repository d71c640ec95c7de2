from django.contrib import admin

from . import models, selectors, services


class ReadOnlyAdminMixin:
    """Shown, never written, in the admin (superusers included): the rows are written by the
    services only (nominations/services.py, workflows/services/), each with its event."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("name", "code")


@admin.register(models.Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "province")
    list_filter = ("province",)
    search_fields = ("name", "short_name")
    list_select_related = ("province",)


class BlocMembershipInline(admin.TabularInline):
    model = models.BlocMembership
    extra = 0
    autocomplete_fields = ("unit",)


@admin.register(models.Bloc)
class BlocAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "province")
    list_filter = ("province", "kind")
    search_fields = ("name",)
    inlines = [BlocMembershipInline]


@admin.register(models.BlocMembership)
class BlocMembershipAdmin(admin.ModelAdmin):
    list_display = ("unit", "bloc", "year", "role")
    list_filter = ("year", "role", "bloc")
    list_select_related = ("unit", "bloc")
    autocomplete_fields = ("unit", "bloc")


class YearRecordInline(admin.TabularInline):
    model = models.YearRecord
    fk_name = "person"
    extra = 0
    fields = ("year", "rating", "months_in_service")


class HonourInline(admin.TabularInline):
    model = models.Honour
    fk_name = "person"
    extra = 0
    fields = ("year", "award", "basis", "decision_number", "decision_date")


class InitiativeInline(admin.TabularInline):
    model = models.Initiative
    fk_name = "person"
    extra = 0
    fields = ("code", "title", "year", "kind", "scope", "used_for")


class DisciplineInline(admin.TabularInline):
    model = models.Discipline
    extra = 0


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "unit", "gender", "position", "deceased", "pending_review")
    list_filter = ("unit__province", "gender", "deceased", "pending_review")
    search_fields = ("full_name",)
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)
    inlines = [YearRecordInline, HonourInline, InitiativeInline, DisciplineInline]


class CollectiveYearInline(admin.TabularInline):
    model = models.YearRecord
    fk_name = "collective"
    extra = 0
    fields = ("year", "rating", "members_total", "members_at_least_ht", "members_ldtt",
              "members_cstdcs", "members_disciplined")


class CollectiveHonourInline(HonourInline):
    fk_name = "collective"


@admin.register(models.Collective)
class CollectiveAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "is_whole_unit", "pending_review")
    list_filter = ("unit__province", "is_whole_unit")
    search_fields = ("name",)
    list_select_related = ("unit",)
    autocomplete_fields = ("unit", "parent")
    inlines = [CollectiveYearInline, CollectiveHonourInline]


@admin.register(models.Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "nominee_kind", "deciding_level", "via_bloc",
                    "ballot_threshold")
    list_editable = ("via_bloc",)
    search_fields = ("code", "name")


@admin.register(models.Honour)
class HonourAdmin(admin.ModelAdmin):
    list_display = ("award", "year", "person", "collective", "basis", "decision_number")
    list_filter = ("award", "year", "basis")
    list_select_related = ("award", "person", "collective")
    raw_id_fields = ("person", "collective", "nomination")


@admin.register(models.Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "year", "kind", "scope", "used_for")
    list_filter = ("year", "kind", "scope")
    search_fields = ("code", "title")
    raw_id_fields = ("person", "collective", "used_for_honour")


class NominationInline(ReadOnlyAdminMixin, admin.TabularInline):
    """A dossier's nominations change through the dossier pages and the route, not here."""

    model = models.Nomination
    extra = 0
    fields = ("award", "person", "collective", "basis", "status", "outcome_step")
    readonly_fields = fields
    show_change_link = False


@admin.register(models.Dossier)
class DossierAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: a dossier's status and the other fields its route drives change only through
    the services, which record each change in the timeline. "Xóa" is offered on a draft only
    and soft-deletes it (services.delete_draft_dossier): the row and its timeline stay."""

    list_display = ("title", "unit", "year", "status", "created_at", "deleted_at")
    list_filter = ("status", "year", "unit__province", ("deleted_at", admin.EmptyFieldListFilter))
    search_fields = ("title", "unit__name")
    list_select_related = ("unit",)
    inlines = [NominationInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        # no bulk delete from the list: one draft at a time, from its own page
        return obj is not None and selectors.can_delete_dossier(request.user, obj)

    def get_deleted_objects(self, objs, request):
        """Nothing is deleted but the dossier's files: the confirmation lists the dossier."""
        objs = list(objs)
        return ([str(obj) for obj in objs], {models.Dossier._meta.verbose_name_plural: len(objs)},
                set(), [])

    def delete_model(self, request, obj) -> None:
        services.delete_draft_dossier(user=request.user, dossier=obj)


@admin.register(models.DossierEvent)
class DossierEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The timeline is the audit trail: no one adds, edits or deletes an event here."""

    list_display = ("at", "dossier", "action", "step", "actor")
    list_filter = ("action", "step")
    list_select_related = ("dossier", "actor")


@admin.register(models.Decision)
class DecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Recorded by the committee's step (services.record_decision), with the awards it wrote
    into the nominees' history: not edited here."""

    list_display = ("number", "date", "signer", "dossier")
    search_fields = ("number",)
    list_select_related = ("dossier",)


@admin.register(models.ProvinceSettings)
class ProvinceSettingsAdmin(admin.ModelAdmin):
    """A province's own settings: its intake date for annual dossiers (DL-PROVINCE), shown on
    the dossier pages and reminded to the units. A new row starts from
    settings.PROVINCE_INTAKE_DAY; the row without a province is the default."""

    list_display = ("__str__", "province", "intake_month", "intake_day", "updated_at")
    list_select_related = ("province",)
    fields = ("province", ("intake_day", "intake_month"))
