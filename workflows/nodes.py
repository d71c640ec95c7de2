"""The route's human-task node: a viewflow View whose tasks are offered to a role in an
organisation, keep a TaskDeadline, and announce themselves (workflows.signals).

Every transition path — our services, viewflow's own assign/unassign pages and bulk
actions — goes through RouteStepActivation, so assignment and deadlines stay recorded.
"""

from __future__ import annotations

from functools import update_wrapper

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import URLPattern, URLResolver, path
from django.utils.timezone import now
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.flow.views import IndexTaskView, UserIndexTaskView
from viewflow.workflow.models import Task
from viewflow.workflow.nodes.view import ViewActivation
from viewflow.workflow.status import STATUS

from . import selectors


class RouteStepActivation(ViewActivation):
    """Keeps TaskDeadline in step with the task (created, assigned, finished)."""

    assigned_by = "self"
    actor = None
    on_behalf_of = None  # the absent colleague a delegation moves the task from

    @classmethod
    def create(cls, flow_task, prev_activation, token, data=None, seed=None):
        activation = super().create(flow_task, prev_activation, token, data=data, seed=seed)
        from . import services

        services.open_step(activation)
        return activation

    @ViewActivation.status.super()
    def assign(self, user):
        self.task.assigned = now()
        super().assign.original(user)
        from . import services

        services.record_assignment(self.task, user, by=self.assigned_by, actor=self.actor)

    @ViewActivation.status.super()
    def unassign(self):
        super().unassign.original()
        from . import services

        services.record_assignment(self.task, None, by="release", actor=self.actor)

    @ViewActivation.status.super()
    def reassign(self, user=None):
        self.task.assigned = now()
        super().reassign.original(user=user)
        from . import services

        services.record_assignment(self.task, self.task.owner, by=self.assigned_by,
                                   actor=self.actor, on_behalf_of=self.on_behalf_of)

    @Activation.status.transition(
        source=[STATUS.NEW, STATUS.ASSIGNED],
        target=STATUS.STARTED,
        permission=lambda activation, user: False,
    )
    def start_by_system(self):
        """Started by the route itself (e.g. the bloc's closed vote), not by a person."""
        self.task.started = now()

    @ViewActivation.status.super()
    def complete(self):
        super().complete.original()
        from . import services

        services.close_step(self.task, cancelled=False)

    @ViewActivation.status.super()
    def cancel(self):
        super().cancel.original()
        from . import services

        services.close_step(self.task, cancelled=True)


def _wrap_step_view(node, origin_view):
    """Execute URL of a step: the task must be visible to the user (else 404) and the user
    must hold it, be able to claim it, or have been offered it (a colleague was quicker:
    the page says so); else 403. The service does the locking."""

    def view(request, *args, **kwargs):
        task = get_object_or_404(
            selectors.tasks_visible_to(request.user).select_related("process", "owner"),
            pk=kwargs.get("task_pk"), process_id=kwargs.get("process_pk"),
        )
        if task.flow_task is not node:
            raise Http404
        request.activation = node.activation_class(task)
        if not (node.can_execute(request.user, task) or node.can_assign(request.user, task)
                or node.was_offered(request.user, task)):
            raise PermissionDenied
        return origin_view(request, *args, **kwargs)

    update_wrapper(view, origin_view)
    return login_required(view)


def _visible_or_404(callback):
    """A process or task URL answers 404 unless the user may see that process (and the task
    is of that process): a stranger gets the same answer for an existing id as for an unknown
    one. Anonymous users go to the login page."""

    def view(request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        visible = selectors.processes_visible_to(request.user).filter(pk=kwargs["process_pk"])
        task_pk = kwargs.get("task_pk")
        if task_pk is not None:
            found = Task.objects.filter(pk=task_pk, process_id=kwargs["process_pk"],
                                        process__in=visible.values("pk")).exists()
        else:
            found = visible.exists()
        if not found:
            raise Http404
        return callback(request, *args, **kwargs)

    update_wrapper(view, callback)
    view.scoped_to_visible = True
    return view


def scope_urls_to_visible(patterns) -> None:
    """Wrap every URL of `patterns` (recursively) that names a process with
    `_visible_or_404`: viewflow's own task and process pages check a permission after
    loading the object and answer 403, which confirms the id exists."""
    for p in patterns:
        if isinstance(p, URLResolver):
            scope_urls_to_visible(p.url_patterns)
        elif (isinstance(p, URLPattern) and "process_pk" in p.pattern.converters
              and not getattr(p.callback, "scoped_to_visible", False)):
            p.callback = _visible_or_404(p.callback)


class ScopedIndexTaskView(UserIndexTaskView):
    """Task index: 404 for a task whose dossier the user may not see. A task only the user
    can act on (the one person holding the step's role there, counting a colleague away
    who delegated it) is claimed for them and opens on its form: the claim page is for a
    task several people could take."""

    def get(self, request, *args, **kwargs):
        task = request.activation.task
        flow_task = request.activation.flow_task
        if not flow_task.can_view(request.user, task):
            raise Http404
        if flow_task.can_assign(request.user, task) and selectors.sole_actor(request.user, task):
            from . import services

            try:
                services.claim_task(user=request.user, task=task)
            except services.RouteConflict:
                pass  # claimed meanwhile: viewflow's redirect says where to go
            else:
                return redirect(flow_task.reverse("execute", args=[task.process_id, task.pk]))
        return super().get(request, *args, **kwargs)


class ScopedGatewayIndexView(IndexTaskView):
    """Index of a non-human node (start, gateway, function, end): 404 unless the user may
    see the dossier. viewflow wraps these pages without a permission and only redirects to
    the detail page, so the redirect alone would tell a stranger that the task exists."""

    def get(self, request, *args, **kwargs):
        task = request.activation.task
        if not request.activation.flow_task.can_view(request.user, task):
            raise Http404
        return super().get(request, *args, **kwargs)


def scope_index_views(flow_class) -> None:
    """Give every node of `flow_class` still on viewflow's unchecked index page the scoped
    one (RouteStep nodes have theirs already). Call before the URLs are built."""
    for node in vars(flow_class).values():
        if getattr(node, "index_view_class", None) is IndexTaskView:
            node.index_view_class = ScopedGatewayIndexView


class RouteStep(flow.View):
    """A human step of the route (step code = node name)."""

    activation_class = RouteStepActivation
    index_view_class = ScopedIndexTaskView

    def __init__(self, view, **kwargs):
        super().__init__(view, **kwargs)
        from . import views

        self.assign_view_class = views.ClaimTaskView
        self.unassign_view_class = views.ReleaseTaskView
        self.reassign_view_class = views.ReassignTaskView

    @property
    def view_path(self):
        return path(
            f"<int:process_pk>/{self.name}/<int:task_pk>/execute/",
            _wrap_step_view(self, self.view),
            name="execute",
        )

    @property
    def assign_path(self):
        from viewflow.workflow.flow.utils import wrap_task_view

        return path(
            f"<int:process_pk>/{self.name}/<int:task_pk>/assign/",
            wrap_task_view(self, self.assign_view, permission=self.can_try_claim),
            name="assign",
        )

    @property
    def reassign_path(self):
        from viewflow.workflow.flow.utils import wrap_task_view

        return path(
            f"<int:process_pk>/{self.name}/<int:task_pk>/reassign/",
            wrap_task_view(self, self.reassign_view, permission=self.can_reassign),
            name="reassign",
        )

    def can_view(self, user, task):
        return selectors.process_visible(user, task.process)

    def can_execute(self, user, task):
        return task.status in selectors.OPEN_STATUSES and selectors.can_act(user, task)

    def can_assign(self, user, task):
        return task.owner_id is None and selectors.can_claim(user, task)

    def was_offered(self, user, task):
        return self.can_view(user, task) and selectors.is_offered(user, task)

    def can_try_claim(self, user, task):
        """Whoever the task is offered to may ask to claim it even when a colleague has just
        taken it: the claim service then answers in Vietnamese instead of a bare 403."""
        return self.can_assign(user, task) or self.was_offered(user, task)

    def can_unassign(self, user, task):
        if task.owner_id is None or task.status not in selectors.OPEN_STATUSES:
            return False
        return selectors.can_act(user, task) or self.can_reassign(user, task)

    def can_reassign(self, user, task):
        return selectors.can_reassign(user, task)
