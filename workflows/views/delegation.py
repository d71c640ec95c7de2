"""Delegation while away (docs/architecture.md, "Who acts on a task; delegation"): the
page listing the user's delegations with the form to make one, and revoking one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from config.forms import ServiceFormMixin

from .. import forms, selectors, services

User = get_user_model()


def _colleagues(user):
    if user.is_superuser:
        return User.objects.filter(is_active=True).order_by("username")
    q = Q(pk=user.pk)
    if user.unit_id:
        q |= Q(unit_id=user.unit_id)
    if user.province_id:
        q |= Q(province_id=user.province_id)
    return User.objects.filter(q, is_active=True).order_by("username")


class DelegationView(LoginRequiredMixin, ServiceFormMixin, generic.FormView):
    template_name = "workflows/delegations.html"
    form_class = forms.DelegationForm
    success_message = gettext_lazy("Đã lưu ủy quyền; người vắng mặt và người thay thế đã "
                                   "được thông báo.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "colleagues": _colleagues(self.request.user)}

    def get_initial(self):
        return {"absent": self.request.user.pk, "start": selectors.today()}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(delegations=selectors.delegations_of(user),
                                        today=selectors.today(),
                                        page_title=_("Ủy quyền xử lý khi vắng mặt"), **kwargs)

    def call_service(self, form):
        data = form.cleaned_data
        return services.create_delegation(
            user=self.request.user, absent=data["absent"], substitute=data["substitute"],
            role=data["role"], start=data["start"], end=data["end"],
            reason=data.get("reason", ""))

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except PermissionDenied as exc:  # not the user's to set up: said on the form
            form.add_error(None, str(exc))
            return self.form_invalid(form)

    def get_success_url(self):
        return reverse("khenthuong:route:delegations")


class RevokeDelegationView(LoginRequiredMixin, generic.View):
    def post(self, request, pk: int):
        delegation = get_object_or_404(selectors.delegations_of(request.user), pk=pk)
        try:
            services.revoke_delegation(user=request.user, delegation=delegation)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("Đã thu hồi ủy quyền."))
        return redirect("khenthuong:route:delegations")

