"""The user's own page of API access tokens: create one (shown once), revoke one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from . import selectors, services


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên gợi nhớ"), max_length=100,
                           help_text=gettext_lazy("Ví dụ: “Phần mềm quản lý văn bản”."))


class TokenListView(LoginRequiredMixin, generic.FormView):
    template_name = "api/tokens.html"
    form_class = TokenForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(tokens=selectors.tokens_of(self.request.user),
                                        page_title=_("Mã truy cập API"), **kwargs)

    def form_valid(self, form):
        try:
            token, key = services.create_token(user=self.request.user,
                                               name=form.cleaned_data["name"])
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
            return self.form_invalid(form)
        # shown this once: only its digest is stored
        return self.render_to_response(self.get_context_data(
            form=TokenForm(), new_token=token, new_key=key))


class TokenRevokeView(LoginRequiredMixin, generic.View):
    def post(self, request, pk: int):
        token = get_object_or_404(selectors.tokens_of(request.user), pk=pk)
        try:
            services.revoke_token(user=request.user, token=token)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã thu hồi mã “%(name)s”: mã này không dùng được "
                                        "nữa.") % {"name": token.name})
        return redirect("khenthuong:api_tokens:index")
