"""Thin views of the route: step screens, claim/release/reassign, inbox/queue/archive with
filters, process pages scoped to visible dossiers, the case page and the status list."""

from __future__ import annotations

from functools import lru_cache

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from viewflow.utils import viewprop
from viewflow.views import BaseBulkActionView
from viewflow.workflow.flow.views import (
    DashboardTaskListView,
    DetailProcessView,
    FlowChartView,
)
from viewflow.workflow.flow.views.filters import DashboardTaskListViewFilter
from viewflow.workflow.models import Task

from accounts import roles
from nominations.catalogue import DOSSIER_DOCUMENTS, NOMINATION_DOCUMENTS
from nominations.choices import AttachmentKind, NominationStatus
from nominations.forms import grouped_award_choices
from nominations.models import Award, Dossier, Nomination
from nominations.pagination import CappedPaginator
from nominations.selectors import bloc_of_unit, dossiers_visible_to

from . import forms, selectors, services
from .steps import (
    BACK_TO_BOARD,
    BLOC_VOTE,
    BOARD_APPRAISAL,
    COMMITTEE_DECISION,
    COUNCIL_REVIEW,
    STEPS,
    UNIT_HEAD_SUBMIT,
    UNIT_REVISE,
    step_label,
)

User = get_user_model()


def _errors_to_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


_PK_SLOTS = (987654321, 987654322)


@lru_cache(maxsize=64)
def url_pattern(viewname: str, arity: int = 1) -> str:
    """`reverse(viewname)` once, as a format string with {0}, {1} for its integer
    arguments: a list row builds its links with str.format instead of resolving the URL
    conf again (50 rows × 2 links cost ~30 ms in reverse())."""
    url = reverse(viewname, args=list(_PK_SLOTS[:arity]))
    for index, slot in enumerate(_PK_SLOTS[:arity]):
        url = url.replace(str(slot), "{" + str(index) + "}")
    return url


def _case_url(dossier_pk: int) -> str:
    return url_pattern("khenthuong:route:case").format(dossier_pk)


def _task_url(task, view: str = "index") -> str:
    return url_pattern(f"khenthuong:route:{task.flow_task.name}:{view}", 2).format(
        task.process_id, task.pk)


def _task_name(task) -> str:
    """How a person names a task: its step and its dossier (never '#3/11')."""
    deadline = getattr(task, "deadline", None)
    label = step_label(task.flow_task.name)
    return f"{label} – {deadline.dossier.title}" if deadline is not None else label


def _checklist(dossier: Dossier, nominations: list[Nomination]) -> list[tuple[str, bool]]:
    have: dict[int | None, set[str]] = {}
    for nomination_id, kind in dossier.attachments.values_list("nomination_id", "kind"):
        have.setdefault(nomination_id, set()).add(kind)
    labels = dict(AttachmentKind.choices)
    for n in nominations:
        mine = have.get(n.pk, set())
        n.checklist = [(labels.get(k, k), k in mine)
                       for k in NOMINATION_DOCUMENTS.get(n.award.code, ())]
    return [(labels.get(k, k), k in have.get(None, set())) for k in DOSSIER_DOCUMENTS]


# ---------------------------------------------------------------- step screens


class StepViewMixin:
    """Context every step screen shows: the dossier, its nominations, the return info."""

    template_name = "workflows/step.html"

    @property
    def task(self):
        return self.request.activation.task

    @property
    def step(self) -> str:
        return self.task.flow_task.name

    def get_dossier(self) -> Dossier:
        if not hasattr(self, "_dossier"):
            self._dossier = get_object_or_404(
                dossiers_visible_to(self.request.user), pk=self.task.process.artifact_object_id)
        return self._dossier

    def all_nominations(self) -> list[Nomination]:
        if not hasattr(self, "_nominations"):
            self._nominations = list(
                self.get_dossier().nominations.select_related(
                    "award", "person", "collective", "eligibility").order_by("pk"))
        return self._nominations

    def considered(self) -> list[Nomination]:
        active = [n for n in self.all_nominations() if n.status == NominationStatus.ACTIVE]
        if self.step == BLOC_VOTE:
            active = [n for n in active if n.award.via_bloc]
        return active

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        dossier = self.get_dossier()
        nominations = self.all_nominations()
        dossier_docs = _checklist(dossier, nominations)
        deadline = getattr(self.task, "deadline", None)
        ctx.update(
            dossier=dossier, nominations=nominations, dossier_docs=dossier_docs,
            step=self.step, step_label=step_label(self.step), task=self.task,
            deadline=deadline, show_eligibility=self.step == BOARD_APPRAISAL,
            case_url=_case_url(dossier.pk), page_title=step_label(self.step),
            needs_claim=self.task.owner_id is None,
            bloc_session_url=self._bloc_session_url(dossier),
        )
        return ctx

    def _bloc_session_url(self, dossier: Dossier) -> str | None:
        """The bloc's vote session page, from the bloc step (the step waits for its close)."""
        if self.step != BLOC_VOTE:
            return None
        membership = bloc_of_unit(dossier.unit_id, dossier.year)
        if membership is None:
            return None
        return reverse("khenthuong:blocs:session", args=[membership.bloc_id, dossier.year])

    def dispatch(self, request, *args, **kwargs):
        if self.task.status not in selectors.OPEN_STATUSES:
            # a colleague finished (or the unit withdrew) it meanwhile: say so, change nothing
            message = services.already_done(self.task).message
            if request.method != "POST":
                messages.error(request, message)
                return redirect(self.task.flow_task.reverse(
                    "detail", args=[self.task.process_id, self.task.pk]))
            return self.conflict(self.get_form(), message)
        return super().dispatch(request, *args, **kwargs)

    def conflict(self, form, message: str, status: int = 409):
        messages.error(self.request, message)
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = status
        return response

    def done(self, message: str):
        messages.success(self.request, message)
        return redirect("khenthuong:route:inbox")

    def run(self, form, call):
        try:
            call()
        except services.RouteConflict as exc:
            return self.conflict(form, exc.message)
        except ValidationError as exc:
            _errors_to_form(form, exc)
            return self.form_invalid(form)
        except PermissionDenied as exc:
            return self.conflict(form, str(exc) or _("Bạn không có quyền xử lý công việc này."),
                                 status=403)
        return None


class ReviewStepView(StepViewMixin, generic.FormView):
    """Unit head, bloc, council and board: per-nomination outcome, then forward or return."""

    form_class = forms.ReviewForm

    def get_form_kwargs(self):
        from workdays.calendar import step_working_days

        return {**super().get_form_kwargs(), "step": self.step,
                "nominations": self.considered(),
                "return_days": step_working_days("unit_revise")}

    def form_valid(self, form):
        data = form.cleaned_data
        failed = self.run(form, lambda: services.complete_review(
            user=self.request.user, task=self.task, action=data["action"],
            outcomes=form.outcomes(), return_reason=data.get("return_reason", ""),
            return_days=data.get("return_days")))
        return failed or self.done(_("Đã ghi nhận kết quả bước “%(step)s”.")
                                   % {"step": step_label(self.step)})


class DecisionStepView(StepViewMixin, generic.FormView):
    form_class = forms.DecisionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "nominations": self.considered()}

    def form_valid(self, form):
        data = form.cleaned_data
        if data["action"] == BACK_TO_BOARD:
            call = lambda: services.return_to_board(  # noqa: E731
                user=self.request.user, task=self.task, reason=data.get("return_reason", ""))
            message = _("Đã trả hồ sơ về Ban Thi đua – Khen thưởng.")
        else:
            call = lambda: services.complete_decision(  # noqa: E731
                user=self.request.user, task=self.task, number=data.get("number", ""),
                date=data.get("date"), signer=data.get("signer", ""),
                awarded_ids=form.awarded_ids(),
                upward_letter_number=data.get("upward_letter_number", ""),
                upward_letter_date=data.get("upward_letter_date"))
            message = _("Đã ghi nhận quyết định. Hồ sơ đã được khóa.")
        return self.run(form, call) or self.done(message)


class ReviseStepView(StepViewMixin, generic.FormView):
    form_class = forms.ReviseForm

    def form_valid(self, form):
        failed = self.run(form, lambda: services.resubmit(
            user=self.request.user, task=self.task, note=form.cleaned_data.get("note", "")))
        return failed or self.done(_("Đã nộp lại hồ sơ."))


# ---------------------------------------------------------------- claim / release / reassign


class _TaskActionView(generic.FormView):
    """Runs under viewflow's wrap_task_view (lock, permission, request.activation)."""

    template_name = "workflows/task_action.html"
    form_class = forms.forms.Form
    title = ""

    def get_context_data(self, **kwargs):
        task = self.request.activation.task
        deadline = getattr(task, "deadline", None)
        return super().get_context_data(
            task=task, deadline=deadline, title=self.title, step_label=step_label(
                task.flow_task.name), **kwargs)

    def act(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        task = self.request.activation.task
        try:
            message = self.act(form)
        except services.RouteConflict as exc:
            messages.error(self.request, exc.message)
            return redirect("khenthuong:route:inbox")
        except ValidationError as exc:
            _errors_to_form(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return HttpResponseRedirect(task.flow_task.reverse("index",
                                                           args=[task.process_id, task.pk]))


class ClaimTaskView(_TaskActionView):
    title = gettext_lazy("Nhận xử lý công việc")

    def act(self, form):
        services.claim_task(user=self.request.user, task=self.request.activation.task)
        return _("Bạn đã nhận công việc.")


class ReleaseTaskView(_TaskActionView):
    title = gettext_lazy("Trả công việc về nhóm")

    def act(self, form):
        services.release_task(user=self.request.user, task=self.request.activation.task)
        return _("Đã trả công việc về nhóm xử lý.")


class ReassignTaskView(_TaskActionView):
    title = gettext_lazy("Giao lại công việc")
    form_class = forms.ReassignForm

    def get_form_kwargs(self):
        task = self.request.activation.task
        return {**super().get_form_kwargs(),
                "candidates": selectors.eligible_users(task.deadline)}

    def act(self, form):
        to_user = form.cleaned_data["to_user"]
        services.reassign_task(user=self.request.user, task=self.request.activation.task,
                               to_user=to_user)
        return _("Đã giao công việc cho %(user)s.") % {"user": to_user}


# ---------------------------------------------------------------- inbox / queue / archive


_CHOICES_SECONDS = 60.0
_choices_cache: dict[str, tuple[float, list[tuple[str, str]]]] = {}


def _named_choices(queryset) -> list[tuple[str, str]]:
    import time

    values = queryset.values_list("pk", "name")
    sql, params = values.query.sql_with_params()
    key = f"{sql}|{params!r}"
    hit = _choices_cache.get(key)
    now = time.monotonic()
    if hit is None or now - hit[0] > _CHOICES_SECONDS:
        if len(_choices_cache) > 500:
            _choices_cache.clear()
        hit = (now, [(str(pk), name) for pk, name in values])
        _choices_cache[key] = hit
    return hit[1]


def _cached(key: str, compute):
    """`compute()` kept a minute per key (the catalogue and a scope's units change rarely)."""
    import time

    hit = _choices_cache.get(key)
    now = time.monotonic()
    if hit is None or now - hit[0] > _CHOICES_SECONDS:
        if len(_choices_cache) > 500:
            _choices_cache.clear()
        hit = (now, compute())
        _choices_cache[key] = hit
    return hit[1]


def _optgroup(label: str, items: list[tuple[str, str]], selected: set[str]) -> str:
    from django.utils.html import format_html_join

    return format_html('<optgroup label="{}">{}</optgroup>', label, format_html_join(
        "", '<option value="{}"{}>{}</option>',
        ((key, " selected" if key in selected else "", name) for key, name in items)))


def filter_controls(form) -> list[tuple[str, str]]:
    """(label, HTML) of each filter field. Selects are written here with format_html_join:
    Django renders every <option> through a template, ~15 ms for the 150 options of a
    province's units, blocs and awards — a third of a list page."""
    from django import forms as django_forms
    from django.utils.html import format_html_join

    controls = []
    for field in form:
        widget = field.field.widget
        if isinstance(widget, django_forms.Select) and not widget.allow_multiple_selected:
            selected = widget.format_value(field.value())
            selected = set(selected) if isinstance(selected, list) else {str(selected)}
            queryset = getattr(field.field, "queryset", None)
            if queryset is not None and queryset.model is Award:
                # awards grouped: individual ones apart from collective ones
                groups = _cached(f"awards|{queryset.query}",
                                 lambda qs=queryset: grouped_award_choices(qs))
                options = format_html_join("", "{}", (
                    (_optgroup(label, items, selected),) for label, items in groups))
                empty = format_html('<option value="">{}</option>',
                                    field.field.empty_label or "")
                controls.append((field.label, format_html(
                    '<select name="{}" id="{}">{}{}</select>', field.html_name,
                    field.id_for_label, empty, options)))
                continue
            if queryset is not None and any(f.name == "name" for f in queryset.model._meta.fields):
                # model choices by name, without a model instance per option, kept a minute
                # per scope (the SQL names it): units, blocs and awards change rarely
                pairs = [("", field.field.empty_label or "")] + _named_choices(queryset)
            else:
                pairs = [(str(getattr(key, "value", key)), label)
                         for key, label in widget.choices]
            options = format_html_join(
                "", '<option value="{}"{}>{}</option>',
                ((key, " selected" if key in selected else "", label) for key, label in pairs))
            html = format_html('<select name="{}" id="{}">{}</select>', field.html_name,
                               field.id_for_label, options)
        else:
            html = str(field)
        controls.append((field.label, html))
    return controls


def task_rows_html(rows: list[dict], *, bulk: bool, finished: bool) -> str:
    """The <tr> of a task list, written here rather than in the template: 50 rows of nine
    cells through the template engine cost ~8 ms, a sixth of the page (docs/benchmarks.md).
    Every value is escaped by format_html."""
    from django.utils.html import format_html_join
    from django.utils.safestring import mark_safe

    late = _("quá hạn")
    choose = _("Chọn")
    cells = []
    for r in rows:
        box = format_html('<td><input type="checkbox" name="pk" value="{}" aria-label="{}">'
                          "</td>", r["task_id"], choose) if bulk else ""
        due = (format_html('<span class="kt-fail" data-overdue="1">{} · {}</span>', r["due"],
                           late) if r["overdue"] else r["due"])
        done = format_html("<td>{}</td>", r["finished"]) if finished else ""
        cells.append((box, r["url"], r["step_label"], r["case_url"], r["dossier__title"],
                      r["dossier__unit__name"], r["bloc__name"] or "—", r["awards"], due,
                      done))
    return mark_safe(format_html_join(
        "\n", '<tr>{}<td><a href="{}">{}</a></td><td><a href="{}">{}</a></td><td>{}</td>'
        "<td>{}</td><td>{}</td><td>{}</td>{}</tr>", cells))


class RouteTaskListView(LoginRequiredMixin, generic.ListView):
    """Inbox, queue and archive: the route's own lean list over TaskDeadline rows.

    viewflow's generic list rendered each cell through its column machinery and built
    model instances for seven joined tables per row — 85 % of a 50-row page's time at a
    million tasks (docs/benchmarks.md, "Quy mô"). Here a fixed number of queries whatever
    the rows: the page's rows as plain values (deadline, task, dossier, unit, bloc,
    assignee joined), the awards of those dossiers, the count per step, the pager's count;
    with filters, search, sort, saved filters and the page's bulk action."""

    template_name = "workflows/task_list.html"
    paginate_by = 50
    page = "inbox"
    title = ""
    empty_message = ""
    bulk = None  # (URL name, button label)
    default_order = "due_on"
    # viewflow's viewset passes these to as_view()
    flow_class = None
    viewset = None

    ORDERINGS = {
        "due_on": ("due_on", "pk"),
        "-due_on": ("-due_on", "-pk"),
        "dossier": ("dossier__title", "pk"),
        "-dossier": ("-dossier__title", "-pk"),
        "unit": ("dossier__unit__name", "due_on", "pk"),
        "-unit": ("-dossier__unit__name", "due_on", "pk"),
        "finished": ("finished_at", "pk"),
        "-finished": ("-finished_at", "-pk"),
    }
    FIELDS = ("pk", "task_id", "task__process_id", "step", "due_on", "finished_at",
              "dossier_id", "dossier__title", "dossier__unit__name", "bloc__name")
    show_step_counts = True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not selectors.has_any_role(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def base_q(self) -> Q:
        raise NotImplementedError

    def ordering_key(self) -> str:
        key = self.request.GET.get("_orderby", "")
        return key if key in self.ORDERINGS else self.default_order

    def get_queryset(self):
        from .models import TaskDeadline

        self.base = TaskDeadline.objects.filter(self.base_q())
        self.filterset = forms.RouteTaskFilter(self.request.GET or None,
                                               queryset=self.base, request=self.request)
        qs = self.filterset.qs if self.filterset.is_bound else self.base
        search = (self.request.GET.get("q") or "").strip()[:100]
        if search:
            qs = qs.filter(selectors.deadline_search_q(search))
        self.matching = qs
        return qs.order_by(*self.ORDERINGS[self.ordering_key()]).values(*self.FIELDS)

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        # count the matching deadlines alone (their partial index), not the joined rows
        paginator.count = self.matching.order_by().count()
        return paginator

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows = list(ctx["object_list"])
        awards = selectors.award_names_of({row["dossier_id"] for row in rows})
        today = selectors.today()
        task_url = {code: url_pattern(f"khenthuong:route:{code}:index", 2) for code in STEPS}
        case_url = url_pattern("khenthuong:route:case")
        for row in rows:
            row.update(
                url=task_url[row["step"]].format(row["task__process_id"], row["task_id"]),
                case_url=case_url.format(row["dossier_id"]),
                step_label=step_label(row["step"]),
                awards=awards.get(row["dossier_id"], ""),
                overdue=row["finished_at"] is None and row["due_on"] < today,
                # formatted here: the template's |date filter costs ~0.1 ms a cell
                due=f"{row['due_on']:%d/%m/%Y}",
                finished=(f"{timezone.localtime(row['finished_at']):%d/%m/%Y %H:%M}"
                          if row["finished_at"] else ""),
            )
        rows_html = task_rows_html(rows, bulk=bool(self.bulk),
                                   finished=self.page == "archive")
        query = self.request.GET.copy()
        query.pop("page", None)
        sort = query.copy()
        sort.pop("_orderby", None)
        ctx.update(
            rows=rows, rows_html=rows_html, page_name=self.page, title=self.title,
            page_title=self.title,
            empty_message=self.empty_message, bulk=self.bulk,
            filter_controls=filter_controls(self.filterset.form),
            search=self.request.GET.get("q", ""),
            step_counts=selectors.step_counts(self.base) if self.show_step_counts else [],
            current_query=self.request.GET.urlencode(), page_query=query.urlencode(),
            sort_query=sort.urlencode(), ordering=self.ordering_key(),
            saved_filters=selectors.saved_filters(self.request.user, self.page),
            show_finished=self.page == "archive", overdue_label=_("quá hạn"),
        )
        return ctx


class RouteInboxView(RouteTaskListView):
    page = "inbox"
    title = gettext_lazy("Việc của tôi")
    empty_message = gettext_lazy("Bạn không có việc nào đang giữ. Việc mới đến bước của bạn "
                                 "nằm ở “Việc chờ nhận”.")
    bulk = ("khenthuong:route:tasks_unassign", gettext_lazy("Trả các việc đã chọn về nhóm"))

    def base_q(self) -> Q:
        return selectors.inbox_q(self.request.user, prefix="")


class RouteQueueView(RouteTaskListView):
    page = "queue"
    title = gettext_lazy("Việc chờ nhận")
    empty_message = gettext_lazy("Không có việc nào đang chờ người nhận ở vai trò của bạn.")
    bulk = ("khenthuong:route:tasks_assign", gettext_lazy("Nhận các việc đã chọn"))

    def base_q(self) -> Q:
        return selectors.queue_q(self.request.user, prefix="")


class RouteArchiveView(RouteTaskListView):
    page = "archive"
    title = gettext_lazy("Việc đã xử lý")
    empty_message = gettext_lazy("Bạn chưa xử lý xong việc nào.")
    default_order = "-finished"
    show_step_counts = False  # years of finished work: not worth a GROUP BY per page

    def base_q(self) -> Q:
        return selectors.archive_q(self.request.user, prefix="")


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
                failed.append(f"{_task_name(task)}: {getattr(exc, 'message', None) or exc}")
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


# ---------------------------------------------------------------- viewflow pages, scoped


class RouteProcessListView(LoginRequiredMixin, generic.ListView):
    """Processes of the dossiers the user may see, newest first, 25 a page.

    viewflow's list counted every process's open tasks (a GROUP BY over the province's
    half-million tasks) before taking 25, read each row's dossier and unit one by one and
    rendered each cell through its column machinery (40 of a page's 70 ms at 200,000
    processes, docs/benchmarks.md). Here: the page's processes, their dossiers with units
    and their open-task counts as plain values (three queries, whatever the rows), the
    count capped (CappedPaginator), the rows written by `process_rows_html`."""

    template_name = "workflows/process_list.html"
    paginate_by = 25
    paginator_class = CappedPaginator
    title = gettext_lazy("Các lộ trình hồ sơ")
    # viewflow's viewset passes these to as_view()
    flow_class = None
    viewset = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not selectors.has_any_role(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (selectors.processes_visible_to(self.request.user).order_by("-pk")
                .values("pk", "created", "finished", "status", "artifact_object_id"))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows = selectors.with_route_facts(list(ctx["object_list"]))
        ctx.update(title=self.title, rows_html=process_rows_html(rows))
        return ctx


def process_rows_html(rows: list[dict]) -> str:
    """The <tr> of the process list (see task_rows_html for why not the template)."""
    from django.utils.html import format_html_join
    from django.utils.safestring import mark_safe

    detail = url_pattern("khenthuong:route:process_detail")
    case = url_pattern("khenthuong:route:case")
    cells = []
    for r in rows:
        created = timezone.localtime(r["created"])
        finished = (f"{timezone.localtime(r['finished']):%d/%m/%Y %H:%M}" if r["finished"]
                    else "—")
        dossier_url = case.format(r["artifact_object_id"]) if r["dossier_title"] else ""
        cells.append((detail.format(r["pk"]), r["pk"], dossier_url,
                      r["dossier_title"] or "—", r["unit_name"] or "—", r["year"] or "—",
                      f"{created:%d/%m/%Y %H:%M}", finished, r["open_tasks"]))
    return mark_safe(format_html_join(
        "\n", '<tr><td><a href="{}">{}</a></td><td><a href="{}">{}</a></td><td>{}</td>'
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", cells))


class RouteProcessDetailView(DetailProcessView):
    """The process page: visibility is checked by the URL wrapper (404) and by viewflow's
    has_view_permission (the flow's, on the dossier); the tasks come with their owner."""

    def get_queryset(self):
        return selectors.processes_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        process = ctx["process"]
        ctx["task_list"] = process.task_set.select_related("owner").order_by("created")
        ctx["dossier"] = selectors.dossier_of(process)
        ctx["case_url"] = _case_url(process.artifact_object_id)
        return ctx


class RouteTaskFlowFilter(DashboardTaskListViewFilter):
    """viewflow's task filter, its steps named as on the route ("Thủ trưởng đơn vị ký trình",
    not "Lộ trình…/Unit_Head_Submit") and listed from the flow, without a DISTINCT over every
    task."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from viewflow.workflow.fields import get_task_ref

        from .flows import RouteFlow

        self.filters["flow_task"].field.choices = [
            (get_task_ref(node), str(node.task_title)) for node in RouteFlow.instance.nodes()]
        self.filters["flow_task"].label = gettext_lazy("Bước")


class RouteTaskListAllView(DashboardTaskListView):
    """Every task of the visible dossiers. viewflow's columns showed '#3/11', the node's
    English name and 'Process summary' (one query per row for the dossier): here the
    step's Vietnamese name, the dossier (read for the page's rows in one query)."""

    title = gettext_lazy("Tất cả công việc")
    columns = ("step_name", "dossier_title", "created", "owner")
    object_link_columns = ()
    filterset_class = RouteTaskFlowFilter
    paginator_class = CappedPaginator

    @viewprop
    def queryset(self):
        return selectors.tasks_visible_to(self.request.user).select_related("process", "owner")

    def step_name(self, task):
        return format_html('<a href="{}">{}</a>', _task_url(task),
                           step_label(task.flow_task.name)
                           if task.flow_task.name in STEPS else task.flow_task.task_title)

    step_name.short_description = gettext_lazy("Công việc")

    def dossier_title(self, task):
        dossier = getattr(task.process, "route_dossier", None)
        if dossier is None:
            return "—"
        return format_html('<a href="{}">{}</a> <span class="kt-muted">({}, {})</span>',
                           _case_url(dossier.pk), dossier.title, dossier.unit.name,
                           dossier.year)

    dossier_title.short_description = gettext_lazy("Hồ sơ")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(
            queryset, page_size)
        rows = list(page.object_list)
        dossiers = Dossier.objects.select_related("unit").in_bulk(
            {task.process.artifact_object_id for task in rows})
        for task in rows:
            task.process.route_dossier = dossiers.get(task.process.artifact_object_id)
        page.object_list = rows
        return paginator, page, rows, is_paginated


class RouteChartView(FlowChartView):
    def get(self, request, *args, **kwargs):
        process_pk = kwargs.get("process_pk")
        if process_pk is not None and not selectors.processes_visible_to(
                request.user).filter(pk=process_pk).exists():
            raise Http404
        return super().get(request, *args, **kwargs)


# ---------------------------------------------------------------- the unit's actions


class SendDossierView(LoginRequiredMixin, generic.View):
    """POST: the unit officer sends the drafted dossier to the unit head."""

    def post(self, request, dossier_pk: int):
        dossier = get_object_or_404(dossiers_visible_to(request.user), pk=dossier_pk)
        try:
            services.send_dossier(user=request.user, dossier=dossier)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã gửi hồ sơ để thủ trưởng đơn vị ký trình."))
        return redirect("khenthuong:dossiers:detail", dossier.pk)


class WithdrawDossierView(LoginRequiredMixin, generic.FormView):
    template_name = "workflows/withdraw.html"
    form_class = forms.WithdrawForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.dossier = get_object_or_404(dossiers_visible_to(request.user),
                                             pk=kwargs["dossier_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(dossier=self.dossier,
                                        page_title=_("Rút hồ sơ đề nghị"), **kwargs)

    def form_valid(self, form):
        try:
            services.withdraw(user=self.request.user, dossier=self.dossier,
                              reason=form.cleaned_data.get("reason", ""))
        except ValidationError as exc:
            _errors_to_form(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Đơn vị đã rút hồ sơ."))
        return redirect("khenthuong:dossiers:detail", self.dossier.pk)


# ---------------------------------------------------------------- tracking


class CaseView(LoginRequiredMixin, generic.TemplateView):
    """The case page: the dossier, every nomination with eligibility, the timeline, and
    where it waits since when."""

    template_name = "workflows/case.html"

    def get_context_data(self, **kwargs):
        case = selectors.case_of(self.request.user, self.kwargs["dossier_pk"])
        if case is None:
            raise Http404
        return super().get_context_data(**case, step_labels={c: s.label for c, s in
                                                             STEPS.items()},
                                        page_title=case["dossier"].title, **kwargs)


class CaseApiView(LoginRequiredMixin, generic.View):
    """JSON of the case (same visibility as the page)."""

    def get(self, request, dossier_pk: int):
        case = selectors.case_of(request.user, dossier_pk)
        if case is None:
            return JsonResponse({"detail": _("Không tìm thấy hồ sơ.")}, status=404)
        dossier = case["dossier"]
        return JsonResponse({
            "id": dossier.pk, "title": dossier.title, "unit": str(dossier.unit),
            "year": dossier.year, "status": dossier.status,
            "nominations": [{"id": n.pk, "nominee": str(n.nominee), "award": n.award.code,
                             "status": n.status} for n in case["nominations"]],
            "waiting": [{"step": d.step, "since": d.started_on.isoformat(),
                         "due": d.due_on.isoformat(), "overdue": d.is_overdue,
                         "assigned_to": str(d.assigned_to) if d.assigned_to_id else None}
                        for d in case["waiting"]],
            "events": [{"at": e.at.isoformat(), "action": e.action, "step": e.step,
                        "actor": str(e.actor) if e.actor_id else None, "reason": e.reason}
                       for e in case["events"]],
        })


class StatusView(LoginRequiredMixin, generic.TemplateView):
    """For managers: counts per step (overdue first) and every waiting dossier."""

    template_name = "workflows/status.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not selectors.has_any_role(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    paginate_by = 50

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        from nominations.choices import DossierStatus

        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            year = None
        if year is not None and not 2000 <= year <= selectors.today().year + 1:
            year = None
        overview = selectors.status_overview(self.request.user, year=year)
        per_status = [(label, overview["per_status"].get(value, 0))
                      for value, label in DossierStatus.choices]
        paginator = Paginator(overview.pop("waiting"), self.paginate_by)
        # the per-step counts already add up to the waiting deadlines: no second COUNT
        paginator.count = sum(step["total"] for step in overview["steps"])
        page = paginator.get_page(self.request.GET.get("page"))
        case_url = url_pattern("khenthuong:route:case")
        today = selectors.today()
        for row in page:
            row.update(
                case_url=case_url.format(row["dossier_id"]), step_name=step_label(row["step"]),
                started=f"{row['started_on']:%d/%m/%Y}", due=f"{row['due_on']:%d/%m/%Y}",
                is_overdue=row["due_on"] < today,
                assignee=row["assigned_to__full_name"] or row["assigned_to__username"] or "—")
        this_year = selectors.today().year
        return super().get_context_data(**overview, waiting=page, page_obj=page,
                                        per_status_rows=per_status,
                                        years=range(this_year, this_year - 11, -1),
                                        overdue_label=_("quá hạn"),
                                        page_title=_("Tình hình xử lý hồ sơ"), **kwargs)


# ---------------------------------------------------------------- delegation, saved filters


def _colleagues(user):
    if user.is_superuser:
        return User.objects.filter(is_active=True).order_by("username")
    q = Q(pk=user.pk)
    if user.unit_id:
        q |= Q(unit_id=user.unit_id)
    if user.province_id:
        q |= Q(province_id=user.province_id)
    return User.objects.filter(q, is_active=True).order_by("username")


class DelegationView(LoginRequiredMixin, generic.FormView):
    template_name = "workflows/delegations.html"
    form_class = forms.DelegationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "colleagues": _colleagues(self.request.user)}

    def get_initial(self):
        return {"absent": self.request.user.pk, "start": selectors.today()}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(delegations=selectors.delegations_of(user),
                                        today=selectors.today(),
                                        page_title=_("Ủy quyền xử lý khi vắng mặt"), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.create_delegation(user=self.request.user, absent=data["absent"],
                                       substitute=data["substitute"], role=data["role"],
                                       start=data["start"], end=data["end"],
                                       reason=data.get("reason", ""))
        except ValidationError as exc:
            _errors_to_form(form, exc)
            return self.form_invalid(form)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu ủy quyền; người vắng mặt và người thay thế "
                                         "đã được thông báo."))
        return redirect("khenthuong:route:delegations")


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


class SaveFilterView(LoginRequiredMixin, generic.View):
    def post(self, request):
        form = forms.SaveFilterForm(request.POST)
        page = request.POST.get("page", "inbox")
        if form.is_valid():
            try:
                services.save_filter(user=request.user, page=form.cleaned_data["page"],
                                     name=form.cleaned_data["name"],
                                     query=form.cleaned_data.get("query", ""))
                messages.success(request, _("Đã lưu bộ lọc."))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        else:
            messages.error(request, _("Vui lòng đặt tên cho bộ lọc."))
        if page not in ("inbox", "queue", "archive"):
            page = "inbox"
        return redirect(f"khenthuong:route:{page}")


class DeleteFilterView(LoginRequiredMixin, generic.View):
    def post(self, request, pk: int):
        with transaction.atomic():
            if not services.delete_filter(user=request.user, pk=pk):
                raise Http404
        messages.success(request, _("Đã xóa bộ lọc."))
        page = request.POST.get("page", "inbox")
        if page not in ("inbox", "queue", "archive"):
            page = "inbox"
        return redirect(f"khenthuong:route:{page}")


# ---------------------------------------------------------------- the landing page

# What each role does next (issue 12), in the order shown: "mine" counts the user's own
# open tasks of the step (inbox and queue), "watch" every visible dossier waiting there.
NEXT_STEPS = (
    (roles.UNIT_OFFICER, "mine", UNIT_REVISE,
     gettext_lazy("Hồ sơ bị trả lại, cần bổ sung và nộp lại")),
    (roles.UNIT_HEAD, "mine", UNIT_HEAD_SUBMIT, gettext_lazy("Hồ sơ chờ thủ trưởng ký trình")),
    (roles.BLOC_LEADER, "mine", BLOC_VOTE, gettext_lazy("Hồ sơ chờ Khối / Cụm bình xét")),
    (roles.COUNCIL_SECRETARY, "mine", COUNCIL_REVIEW,
     gettext_lazy("Hồ sơ chờ Hội đồng TĐKT xem xét")),
    (roles.COUNCIL_MEMBER, "watch", COUNCIL_REVIEW,
     gettext_lazy("Hồ sơ đang chờ Hội đồng TĐKT xem xét")),
    (roles.BOARD_SPECIALIST, "mine", BOARD_APPRAISAL, gettext_lazy("Hồ sơ chờ thẩm định")),
    (roles.BOARD_HEAD, "watch", BOARD_APPRAISAL,
     gettext_lazy("Hồ sơ Ban Thi đua – Khen thưởng đang thẩm định")),
    (roles.COMMITTEE_OFFICER, "mine", COMMITTEE_DECISION,
     gettext_lazy("Hồ sơ chờ ghi nhận quyết định của UBND tỉnh")),
    (roles.COMMITTEE_LEADER, "watch", COMMITTEE_DECISION,
     gettext_lazy("Hồ sơ chờ UBND tỉnh quyết định")),
)


class LandingView(LoginRequiredMixin, generic.TemplateView):
    """"Trang làm việc", where everyone lands after login: their tasks (held, waiting to be
    taken, due today, overdue), the few due soonest, and what their role does next —
    a fixed number of queries whatever the data (workflows.selectors.my_work & co)."""

    template_name = "workflows/landing.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        names = user.role_names()
        acts = selectors.acts_on_route(user)
        work = selectors.my_work(user) if acts else None
        watched = (selectors.waiting_per_step(user)
                   if names & {roles.MANAGER, roles.COUNCIL_MEMBER, roles.BOARD_HEAD,
                               roles.COMMITTEE_LEADER} else {})
        inbox, queue = reverse("khenthuong:route:inbox"), reverse("khenthuong:route:queue")
        status = reverse("khenthuong:route:status")
        next_steps = []
        for role, kind, step, label in NEXT_STEPS:
            if role not in names:
                continue
            if kind == "mine":
                row = (work or {}).get("per_step", {}).get(step, {})
                count, overdue = row.get("inbox", 0) + row.get("queue", 0), row.get("overdue", 0)
                url = f"{inbox if row.get('inbox') else queue}?step={step}"
            else:
                row = watched.get(step, {})
                count, overdue, url = row.get("total", 0), row.get("overdue", 0), status
            next_steps.append({"label": label, "count": count, "overdue": overdue,
                               "url": url, "step": step})
        if work:
            task_url = {code: url_pattern(f"khenthuong:route:{code}:index", 2)
                        for code in STEPS}
            case_url = url_pattern("khenthuong:route:case")
            for row in work["soonest"]:
                row.update(url=task_url[row["step"]].format(row["task__process_id"],
                                                             row["task_id"]),
                           case_url=case_url.format(row["dossier_id"]),
                           step_label=step_label(row["step"]))
        overview = None
        if roles.MANAGER in names:
            overview = {"total": sum(r["total"] for r in watched.values()),
                        "overdue": sum(r["overdue"] for r in watched.values())}
        role_labels = [roles.ROLE_LABELS[r] for r in roles.ALL_ROLES if r in names]
        return super().get_context_data(
            work=work, acts_on_route=acts, next_steps=next_steps, overview=overview,
            drafts=selectors.drafts_of(user) if roles.UNIT_OFFICER in names else None,
            bloc_votes=selectors.bloc_votes_of(user) if roles.BLOC_LEADER in names else [],
            role_labels=role_labels, today=selectors.today(),
            task_counts={"inbox": work["inbox"], "queue": work["queue"]} if work else None,
            page_title=_("Trang làm việc"), **kwargs)
