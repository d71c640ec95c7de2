"""The route's lists: inbox, queue and archive (with filters, search, saved filters and
their bulk action), the process list, every task of the visible dossiers, and the status
list. Rows are written here as HTML (task_rows_html, process_rows_html): the template
engine cost a sixth of a page (docs/benchmarks.md)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from viewflow.utils import viewprop
from viewflow.workflow.flow.views import DashboardTaskListView
from viewflow.workflow.flow.views.filters import DashboardTaskListViewFilter

from nominations.forms import grouped_award_choices
from nominations.models import Award, Dossier
from nominations.pagination import CappedPaginator

from .. import forms, selectors, services
from ..steps import STEPS, step_label
from .common import case_link, task_link, url_pattern

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
        from ..models import TaskDeadline

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


class RouteTaskFlowFilter(DashboardTaskListViewFilter):
    """viewflow's task filter, its steps named as on the route ("Thủ trưởng đơn vị ký trình",
    not "Lộ trình…/Unit_Head_Submit") and listed from the flow, without a DISTINCT over every
    task."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from viewflow.workflow.fields import get_task_ref

        from ..flows import RouteFlow

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
        return format_html('<a href="{}">{}</a>', task_link(task),
                           step_label(task.flow_task.name)
                           if task.flow_task.name in STEPS else task.flow_task.task_title)

    step_name.short_description = gettext_lazy("Công việc")

    def dossier_title(self, task):
        dossier = getattr(task.process, "route_dossier", None)
        if dossier is None:
            return "—"
        return format_html('<a href="{}">{}</a> <span class="kt-muted">({}, {})</span>',
                           case_link(dossier.pk), dossier.title, dossier.unit.name,
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


# ---------------------------------------------------------------- status list


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


# ---------------------------------------------------------------- saved filters


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
