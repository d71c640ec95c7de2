"""config.forms: a service's ValidationError shown on the form page that called it."""

from __future__ import annotations

from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.views import generic

from config.forms import ServiceFormMixin, errors_to_form


class _Form(forms.Form):
    title = forms.CharField()


def _bound() -> _Form:
    form = _Form({"title": "Hồ sơ"})
    assert form.is_valid()
    return form


def test_field_errors_go_on_their_field_and_the_others_on_the_form():
    form = _bound()

    errors_to_form(form, ValidationError({"title": "Tiêu đề trùng.",
                                          "unit": "Đơn vị không hợp lệ."}))

    assert form.errors["title"] == ["Tiêu đề trùng."]
    assert form.non_field_errors() == ["Đơn vị không hợp lệ."]


def test_a_plain_message_goes_on_the_form_or_on_the_field_named():
    plain, on_title = _bound(), _bound()

    errors_to_form(plain, ValidationError("Hồ sơ đã bị xóa."))
    errors_to_form(on_title, ValidationError({"other": "Tệp quá lớn."}), field="title")

    assert plain.non_field_errors() == ["Hồ sơ đã bị xóa."]
    assert on_title.errors["title"] == ["Tệp quá lớn."]


class _View(ServiceFormMixin, generic.FormView):
    form_class = _Form
    template_name = "khenthuong/confirm.html"
    success_url = "/xong/"
    success_message = "Đã lưu."
    refuse = False
    calls: list[str]

    def call_service(self, form):
        self.calls.append(form.cleaned_data["title"])
        if self.refuse:
            raise ValidationError({"title": "Tiêu đề trùng."})
        return "ok"

    def form_invalid(self, form):
        self.invalid = form
        return "invalid"


def _post(view: _View):
    request = RequestFactory().post("/", {"title": "Hồ sơ"})
    request.session = {}
    request._messages = FallbackStorage(request)
    view.setup(request)
    view.calls = []
    return view.post(request), request


def test_the_mixin_redirects_with_its_message_or_shows_the_refusal_on_the_form():
    done, request = _post(_View())
    view = _View(refuse=True)
    refused, _request = _post(view)

    assert (done.status_code, done["Location"]) == (302, "/xong/")
    assert [str(m) for m in request._messages] == ["Đã lưu."]
    assert refused == "invalid"
    assert view.calls == ["Hồ sơ"] and view.invalid.errors["title"] == ["Tiêu đề trùng."]
