"""Who holds a route task: claim, release and reassign one task (inside viewflow's task
wrapper), and claim or release several from the inbox or the queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from viewflow.views import BaseBulkActionView
from viewflow.workflow.models import Task

from config.forms import ServiceFormMixin

from .. import forms, selectors, services
from ..steps import step_label
from .common import task_name

# ---------------------------------------------------------------- claim / release / reassign


class _TaskActionView(ServiceFormMixin, generic.FormView):
    """Runs under viewflow's wrap_task_view (lock, permission, request.activation).
    `call_service` returns the message shown on the task's page; a conflict (the task moved
    on meanwhile) goes back to the inbox with its message."""

    template_name = "workflows/task_action.html"
    form_class = forms.forms.Form
    title = ""

    def get_context_data(self, **kwargs):
        task = self.request.activation.task
        deadline = getattr(task, "deadline", None)
        return super().get_context_data(
            task=task, deadline=deadline, title=self.title, step_label=step_label(
                task.flow_task.name), **kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.RouteConflict as exc:
            messages.error(self.request, exc.message)
            return redirect("khenthuong:route:inbox")

    def get_success_message(self, result: str) -> str:
        return result

    def get_success_url(self):
        task = self.request.activation.task
        return task.flow_task.reverse("index", args=[task.process_id, task.pk])


class ClaimTaskView(_TaskActionView):
    title = gettext_lazy("Nhận xử lý công việc")

    def call_service(self, form) -> str:
        services.claim_task(user=self.request.user, task=self.request.activation.task)
        return _("Bạn đã nhận công việc.")


class ReleaseTaskView(_TaskActionView):
    title = gettext_lazy("Trả công việc về nhóm")

    def call_service(self, form) -> str:
        services.release_task(user=self.request.user, task=self.request.activation.task)
        return _("Đã trả công việc về nhóm xử lý.")


class ReassignTaskView(_TaskActionView):
    title = gettext_lazy("Giao lại công việc")
    form_class = forms.ReassignForm

    def get_form_kwargs(self):
        task = self.request.activation.task
        return {**super().get_form_kwargs(),
                "candidates": selectors.eligible_users(task.deadline)}

    def call_service(self, form) -> str:
        to_user = form.cleaned_data["to_user"]
        services.reassign_task(user=self.request.user, task=self.request.activation.task,
                               to_user=to_user)
        return _("Đã giao công việc cho %(user)s.") % {"user": to_user}


# ---------------------------------------------------------------- several at once


class _BulkTaskView(BaseBulkActionView):
    model = Task
    template_name = "workflows/tasks_bulk.html"
    template_name_suffix = "_bulk_route"
    flow_class = None
    title = ""

    def scoped(self):
        raise NotImplementedError

    def get_queryset(self):
        self.queryset = self.scoped()
        return super().get_queryset()

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)

    def form_valid(self, form):
        ok, failed = 0, []
        for task in list(self.get_queryset()):
            try:
                self.act(task)
                ok += 1
            except (services.RouteConflict, PermissionDenied, ValidationError) as exc:
                failed.append(f"{task_name(task)}: {getattr(exc, 'message', None) or exc}")
        if ok:
            messages.success(self.request, _("Đã xử lý %(n)d công việc.") % {"n": ok})
        for line in failed:
            messages.error(self.request, line)
        return HttpResponseRedirect(self.get_success_url())


class BulkClaimView(_BulkTaskView):
    title = gettext_lazy("Nhận các việc đã chọn")

    def scoped(self):
        return selectors.queue(self.request.user)

    def act(self, task):
        services.claim_task(user=self.request.user, task=task)

    def get_success_url(self):
        return reverse("khenthuong:route:queue")


class BulkReleaseView(_BulkTaskView):
    title = gettext_lazy("Trả các việc đã chọn về nhóm")

    def scoped(self):
        return selectors.inbox(self.request.user)

    def act(self, task):
        services.release_task(user=self.request.user, task=task)

    def get_success_url(self):
        return reverse("khenthuong:route:inbox")

