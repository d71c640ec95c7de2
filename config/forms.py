"""Form pages over services: the one place a service's refusal becomes form errors.

A service checks the rules again and refuses with a Django `ValidationError` in Vietnamese
(docs/architecture.md, "Input bounds"). A page's form shows that refusal as it shows its own
errors: `errors_to_form` puts each message on its field (or on the form), and
`ServiceFormMixin` is the `form_valid` of every form page whose work is one service call.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect


def errors_to_form(form: forms.BaseForm, exc: ValidationError, *, field: str | None = None
                   ) -> None:
    """Add a service's `exc` to `form`: errors naming a field of the form go on it, the
    others (and a plain message) on the form itself; with `field`, every message goes on
    that field."""
    if field is not None:
        form.add_error(field, exc.messages)
    elif hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class ServiceFormMixin:
    """`form_valid` of a FormView whose work is a service call.

    `call_service(form)` does the write and returns what `service_done` needs; a
    `ValidationError` it raises is shown on the form (`errors_to_form`, on
    `service_error_field` if set) and nothing else happens. `service_done` answers by
    default with `success_message` and a redirect to `get_success_url()`."""

    success_message: str = ""
    service_error_field: str | None = None

    def call_service(self, form: forms.BaseForm) -> Any:
        raise NotImplementedError

    def get_success_message(self, result: Any) -> str:
        return self.success_message

    def service_done(self, form: forms.BaseForm, result: Any) -> HttpResponse:
        message = self.get_success_message(result)
        if message:
            messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())

    def form_valid(self, form: forms.BaseForm) -> HttpResponse:
        try:
            result = self.call_service(form)
        except ValidationError as exc:
            errors_to_form(form, exc, field=self.service_error_field)
            return self.form_invalid(form)
        return self.service_done(form, result)
