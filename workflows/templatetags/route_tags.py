"""{% route_actions dossier %}: the route's buttons on the dossier page (send, resubmit,
withdraw, the open task, the case page), computed from the user's rights."""

from django import template

from accounts.roles import UNIT_HEAD, UNIT_OFFICER
from nominations.choices import CLOSED_DOSSIER_STATUSES, DossierStatus

from .. import selectors

register = template.Library()


@register.inclusion_tag("workflows/route_actions.html", takes_context=True)
def route_actions(context, dossier):
    user = context["request"].user
    unit_user = bool(user.is_authenticated and user.unit_id == dossier.unit_id
                     and user.has_role(UNIT_OFFICER, UNIT_HEAD))
    task = None
    if dossier.status not in CLOSED_DOSSIER_STATUSES and dossier.status != DossierStatus.DRAFT:
        task = selectors.open_task_for(user, dossier)
    return {
        "dossier": dossier,
        "can_send": dossier.status == DossierStatus.DRAFT and user.is_authenticated
        and user.unit_id == dossier.unit_id and user.has_role(UNIT_OFFICER),
        "can_withdraw": unit_user and dossier.status not in CLOSED_DOSSIER_STATUSES,
        "task": task,
        "task_url": task.flow_task.reverse("index", args=[task.process_id, task.pk])
        if task else None,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("khenthuong/main_menu.html", takes_context=True)
def main_menu(context):
    """The one menu of every page (the app's and the route's): "Trang làm việc", the
    route's lists for who takes tasks, then the app's sections. Counts only where the page
    already has them (the route's pages, the landing page): no query added elsewhere."""
    from config.site import app

    request = context["request"]
    user = request.user
    return {
        "request": request,
        "main": app,
        "acts_on_route": selectors.acts_on_route(user),
        "has_role": selectors.has_any_role(user),
        "task_counts": context.get("task_counts"),
        "path": request.path,
    }
