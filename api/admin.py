"""Tokens in the admin: an administrator creates one for a user (the token is shown once,
in the confirmation message) or revokes it; the digest is never shown."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__username", "user__full_name")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
    fields = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ("prefix", "created_at", "last_used_at", "revoked_at")
        return self.fields

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoked, not deleted: the row says who had access when

    def save_model(self, request, obj, form, change):
        if change:
            return
        token, key = services.create_token(user=obj.user, name=obj.name)
        obj.pk = token.pk
        messages.warning(request, _("Mã truy cập mới của %(user)s: %(key)s — chỉ hiện một lần "
                                    "này; hãy sao chép và gửi an toàn cho người dùng.")
                         % {"user": obj.user, "key": key})

    @admin.action(description=gettext_lazy("Thu hồi các mã đã chọn"))
    def revoke(self, request, queryset):
        live = list(queryset.filter(revoked_at__isnull=True))
        for token in live:
            services.revoke_token(user=request.user, token=token)
        count = len(live)
        messages.success(request, _("Đã thu hồi %(n)d mã truy cập.") % {"n": count})
