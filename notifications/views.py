"""The notification centre: list, open (marks read), mark read, mark all read, preferences.
Thin: reads through selectors, writes through services; a person only sees their own."""

from __future__ import annotations

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View, generic

from . import selectors
from .models import Preference
from .services import centre


class NoticeListView(LoginRequiredMixin, generic.ListView):
    template_name = "notifications/notice_list.html"
    paginate_by = 30
    extra_context = {"page_title": gettext_lazy("Thông báo")}

    def get_queryset(self):
        return selectors.notices_for(self.request.user,
                                     unread_only=self.request.GET.get("chua_doc") == "1")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["unread_only"] = self.request.GET.get("chua_doc") == "1"
        ctx["unread"] = selectors.unread_count(self.request.user)
        return ctx


class NoticeOpenView(LoginRequiredMixin, View):
    """Follow a notice's link (from the list or an e-mail): marks it read, then redirects."""

    def get(self, request, pk: int):
        notice = selectors.notice_for(request.user, pk)
        if notice is None:
            raise Http404
        centre.mark_read(user=request.user, notice_id=notice.pk)
        if notice.url and url_has_allowed_host_and_scheme(notice.url, {request.get_host()}):
            return HttpResponseRedirect(notice.url)
        return redirect("khenthuong:notifications:index")


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return HttpResponseRedirect(target)
    return redirect("khenthuong:notifications:index")


class MarkReadView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        if selectors.notice_for(request.user, pk) is None:
            raise Http404
        centre.mark_read(user=request.user, notice_id=pk)
        return _back(request)


class MarkAllReadView(LoginRequiredMixin, View):
    def post(self, request):
        count = centre.mark_all_read(user=request.user)
        flash.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
        return _back(request)


class PreferenceForm(forms.Form):
    email_enabled = forms.BooleanField(label=gettext_lazy("Nhận thông báo qua thư điện tử"),
                                       required=False)
    delivery = forms.ChoiceField(label=gettext_lazy("Cách gửi thư"),
                                 choices=Preference.Delivery.choices,
                                 widget=forms.RadioSelect)


class PreferenceView(LoginRequiredMixin, generic.FormView):
    template_name = "notifications/preferences.html"
    form_class = PreferenceForm
    extra_context = {"page_title": gettext_lazy("Cài đặt thông báo")}

    def get_initial(self):
        pref = selectors.preference_for(self.request.user)
        return {"email_enabled": pref.email_enabled, "delivery": pref.delivery}

    def form_valid(self, form):
        centre.set_preference(user=self.request.user, **form.cleaned_data)
        flash.success(self.request, _("Đã lưu cài đặt thông báo."))
        return redirect("khenthuong:notifications:preferences")
