"""Thin views of the dashboard, its printable report and the Excel downloads; the figures
come from reports.selectors, the files from reports.exports."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from nominations.choices import DossierStatus
from nominations.pagination import CappedPaginator
from nominations.selectors import dossiers_visible_to, intake_deadlines
from workflows.selectors import has_any_role, status_overview, today
from workflows.steps import step_label

from . import selectors
from .charts import ACCENT, BAR, Bar, hbar_chart
from .exports import MAX_ROWS, Column, Sheet, XlsxView
from .forms import report_filter
from .selectors import ReportFilter

PRINT_OVERDUE_ROWS = 200


def _days(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def charts(data: dict) -> dict:
    """The dashboard's three bar charts (SVG)."""
    return {
        "waiting": hbar_chart(
            [Bar(s.label, s.times.waiting, part=s.times.overdue) for s in data["steps"]],
            title=_("Công việc đang chờ theo bước"),
            legend=[(BAR, _("đang chờ")), (ACCENT, _("trong đó quá hạn"))]),
        "median": hbar_chart(
            [Bar(s.label, s.times.mean or 0, text=_days(s.times.mean) + " / "
                 + str(s.times.median if s.times.median is not None else "—"))
             for s in data["steps"]],
            title=_("Thời gian xử lý theo bước (ngày làm việc: trung bình / trung vị)")),
        "years": hbar_chart(
            [Bar(r.label, r.dossiers) for r in data["years"][:12]],
            title=_("Số hồ sơ theo năm thành tích"), label_width=80),
    }


def overdue_rows(rows, index, on) -> list[dict]:
    for row in rows:
        row.update(step_name=step_label(row["step"]),
                   days_late=selectors.days_late(index, row["due_on"], on),
                   assignee=row["assigned_to__full_name"] or row["assigned_to__username"]
                   or "—")
    return rows


class ReportAccessMixin(LoginRequiredMixin):
    """Only the manager, the board head and specialists (and superusers): 403 for others,
    as the other role pages answer; the page names no object, so nothing leaks."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not selectors.can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def filters(self) -> tuple:
        if not hasattr(self, "_filters"):
            self._filters = report_filter(self.request)
        return self._filters

    def query(self, **extra) -> str:
        return urlencode({**self.filters()[1].as_query(), **extra})


class DashboardView(ReportAccessMixin, generic.TemplateView):
    template_name = "reports/dashboard.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        form, f = self.filters()
        data = selectors.dashboard(self.request.user, f)
        paginator = CappedPaginator(selectors.overdue(self.request.user, f), self.paginate_by)
        if "overdue_total" in data:  # counted with the tables: the pager need not count
            paginator.count = min(data["overdue_total"], paginator.cap + 1)
        page = paginator.get_page(self.request.GET.get("page"))
        overdue_rows(page.object_list, data["index"], today())
        query = self.query()
        return super().get_context_data(
            form=form, filter=f, data=data, charts=charts(data), overdue=page,
            page_obj=page, query=query, days=_days,
            export_url=f"{reverse('khenthuong:reports:export')}?{query}",
            overdue_export_url=f"{reverse('khenthuong:reports:export_overdue')}?{query}",
            print_url=f"{reverse('khenthuong:reports:print')}?{query}",
            page_title=_("Thống kê, báo cáo khen thưởng"), **kwargs)


class PrintView(ReportAccessMixin, generic.TemplateView):
    """The dashboard for paper: the issuing body's header, the tables and charts, the first
    PRINT_OVERDUE_ROWS overdue tasks (the Excel file has them all)."""

    template_name = "reports/print.html"

    def get_context_data(self, **kwargs):
        form, f = self.filters()
        user = self.request.user
        data = selectors.dashboard(user, f)
        on = today()
        rows = list(selectors.overdue(user, f)[: PRINT_OVERDUE_ROWS + 1])
        province = selectors.province_of(user)
        return super().get_context_data(
            form=form, filter=f, data=data, charts=charts(data), days=_days,
            overdue=overdue_rows(rows[:PRINT_OVERDUE_ROWS], data["index"], on),
            overdue_more=len(rows) > PRINT_OVERDUE_ROWS, overdue_shown=PRINT_OVERDUE_ROWS,
            issuer=issuer(province), place=place(province), today=on,
            filter_text=filter_text(form, f),
            back_url=f"{reverse('khenthuong:reports:index')}?{self.query()}", **kwargs)


def place(province) -> str:
    """The province's name as the date line writes it ("Tiền Giang, ngày …")."""
    if province is None:
        return "…"
    name = province.name
    for prefix in ("Tỉnh ", "Thành phố "):
        name = name.removeprefix(prefix)
    return name


def issuer(province) -> str:
    """The first line of the issuing body ("UBND TỈNH TIỀN GIANG")."""
    if province is None:
        return _("UBND TỈNH …")
    if province.name.lower().startswith(("tỉnh ", "thành phố ")):
        return _("UBND %(name)s") % {"name": province.name.upper()}
    return _("UBND TỈNH %(name)s") % {"name": province.name.upper()}


def filter_text(form, f: ReportFilter) -> str:
    """The filters in words, for the report's subtitle and the files' first line."""
    parts = [_("năm thành tích %(y)s") % {"y": f.year} if f.year else _("tất cả các năm")]
    for name, value in (("bloc", f.bloc_id), ("unit", f.unit_id), ("kind", f.kind),
                        ("step", f.step)):
        if value:
            field = form.fields[name]
            if name in ("bloc", "unit"):
                label = next((str(o) for o in field.queryset if o.pk == value), str(value))
            else:
                label = str(dict(field.choices).get(value, value))
            parts.append(f"{str(field.label).lower()}: {label}")
    return "; ".join(parts)


# ---------------------------------------------------------------- Excel


TIME_COLUMNS = (
    Column(_("Số công việc"), 12, "int"), Column(_("Đang chờ"), 10, "int"),
    Column(_("Quá hạn"), 10, "int"),
    Column(_("Thời gian trung bình (ngày làm việc)"), 16, "float"),
    Column(_("Trung vị (ngày làm việc)"), 14, "int"),
)
OVERDUE_COLUMNS = (
    Column(_("Hồ sơ"), 50), Column(_("Đơn vị"), 36), Column(_("Năm thành tích"), 10, "int"),
    Column(_("Bước"), 32), Column(_("Từ ngày"), 12, "date"), Column(_("Hạn xử lý"), 12, "date"),
    Column(_("Số ngày làm việc quá hạn"), 14, "int"), Column(_("Người xử lý"), 28),
)


def _times(t) -> tuple:
    return (t.tasks, t.waiting, t.overdue, t.mean, t.median)


def _breakdown_sheet(title: str, first: str, rows, heading: str) -> Sheet:
    return Sheet(title, (Column(first, 40), Column(_("Số hồ sơ"), 10, "int"),
                         Column(_("Số đề nghị"), 10, "int"),
                         Column(_("Được khen thưởng"), 12, "int"), *TIME_COLUMNS),
                 ((r.label, r.dossiers, r.nominations, r.awarded, *_times(r.times))
                  for r in rows), heading=heading)


def _overdue_sheet(user, f: ReportFilter, index, heading: str) -> Sheet:
    on = today()
    rows = selectors.overdue(user, f)[: MAX_ROWS + 1].iterator(chunk_size=2000)
    return Sheet(_("Hồ sơ quá hạn"), OVERDUE_COLUMNS,
                 ((r["dossier__title"], r["dossier__unit__name"], r["dossier__year"],
                   step_label(r["step"]), r["started_on"], r["due_on"],
                   selectors.days_late(index, r["due_on"], on),
                   r["assigned_to__full_name"] or r["assigned_to__username"] or "")
                  for r in rows), heading=heading)


class DashboardExportView(ReportAccessMixin, XlsxView):
    """Every table of the dashboard, one sheet each, with the same filters."""

    def get_filename(self) -> str:
        f = self.filters()[1]
        return f"thong-ke-khen-thuong-{f.year or 'tat-ca'}.xlsx"

    def sheets(self):
        form, f = self.filters()
        user = self.request.user
        data = selectors.dashboard(user, f)
        heading = _("Thống kê khen thưởng – %(f)s") % {"f": filter_text(form, f)}
        yield Sheet(_("Theo bước"), (Column(_("Bước"), 40), *TIME_COLUMNS,
                                     Column(_("Phân vị 90 (ngày làm việc)"), 14, "int"),
                                     Column(_("Hồ sơ đang chờ"), 12, "int"),
                                     Column(_("Đề nghị đang chờ"), 12, "int")),
                    ((s.label, *_times(s.times), s.times.p90, s.dossiers_waiting,
                      s.nominations_waiting) for s in data["steps"]), heading=heading)
        statuses = [(_("Hồ sơ"), label, n) for _v, label, n in data["statuses"]["dossiers"]]
        statuses += [(_("Đề nghị"), label, n)
                     for _v, label, n in data["statuses"]["nominations"]]
        yield Sheet(_("Theo trạng thái"), (Column(_("Loại"), 12), Column(_("Trạng thái"), 48),
                                           Column(_("Số lượng"), 12, "int")),
                    statuses, heading=heading)
        yield _breakdown_sheet(_("Theo khối"), _("Khối / Cụm"), data["blocs"], heading)
        yield _breakdown_sheet(_("Theo đơn vị"), _("Đơn vị"), data["units"], heading)
        yield _breakdown_sheet(_("Theo đối tượng"), _("Đối tượng"), data["kinds"], heading)
        yield _breakdown_sheet(_("Theo năm"), _("Năm thành tích"), data["years"], heading)
        yield _overdue_sheet(user, f, data["index"], heading)


class OverdueExportView(ReportAccessMixin, XlsxView):
    def get_filename(self) -> str:
        return f"ho-so-qua-han-{today():%Y%m%d}.xlsx"

    def sheets(self):
        form, f = self.filters()
        heading = _("Hồ sơ quá hạn – %(f)s") % {"f": filter_text(form, f)}
        return [_overdue_sheet(self.request.user, f, selectors.workday_index(self.request.user),
                               heading)]


class DossierListExportView(XlsxView):
    """The dossier list (khenthuong:dossiers:index) as it is visible to the user — a unit
    user gets their unit's dossiers — newest first."""

    filename = "ho-so-de-nghi-khen-thuong.xlsx"

    def sheets(self):
        statuses = dict(DossierStatus.choices)
        rows = (dossiers_visible_to(self.request.user)
                .order_by("-year", "-created_at", "-pk")
                .annotate(n=Count("nominations"))
                .values_list("title", "unit__name", "unit__province_id", "year", "n", "status",
                             "submitted_at", "created_at")[: MAX_ROWS + 1]
                .iterator(chunk_size=2000))
        deadlines: dict[int, dict] = {}

        def intake(province_id, year):
            if year not in deadlines:
                deadlines[year] = {}
            if province_id not in deadlines[year]:
                deadlines[year].update(intake_deadlines([province_id], year))
            return deadlines[year][province_id]

        def lines():
            for title, unit, province_id, year, n, status, submitted, created in rows:
                due = intake(province_id, year)
                sent = timezone.localdate(submitted) if submitted else None
                yield (title, unit, year, n, str(statuses.get(status, status)), created,
                       submitted, due, _("Có") if sent and due and sent > due else "")

        return [Sheet(_("Hồ sơ đề nghị"), (
            Column(_("Trích yếu"), 50), Column(_("Đơn vị"), 36), Column(_("Năm"), 8, "int"),
            Column(_("Số đề nghị"), 10, "int"), Column(_("Trạng thái"), 30),
            Column(_("Ngày lập"), 16, "datetime"), Column(_("Ngày trình"), 16, "datetime"),
            Column(_("Hạn nộp của tỉnh"), 12, "date"), Column(_("Nộp sau hạn"), 10)),
            lines(), heading=_("Hồ sơ đề nghị khen thưởng"))]


class StatusExportView(XlsxView):
    """The status list's waiting dossiers (khenthuong:route:status), all pages."""

    filename = "tinh-hinh-xu-ly-ho-so.xlsx"

    def allowed(self, user) -> bool:
        return has_any_role(user)

    def sheets(self):
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            year = None
        overview = status_overview(self.request.user, year=year)
        on = today()
        index = selectors.workday_index(self.request.user)
        rows = overview["waiting"][: MAX_ROWS + 1].iterator(chunk_size=2000)
        waiting = Sheet(_("Đang chờ xử lý"), (
            Column(_("Hồ sơ"), 50), Column(_("Đơn vị"), 36), Column(_("Bước"), 32),
            Column(_("Từ ngày"), 12, "date"), Column(_("Hạn xử lý"), 12, "date"),
            Column(_("Số ngày làm việc quá hạn"), 14, "int"), Column(_("Người xử lý"), 28)),
            ((r["dossier__title"], r["dossier__unit__name"], step_label(r["step"]),
              r["started_on"], r["due_on"],
              selectors.days_late(index, r["due_on"], on) if r["due_on"] < on else 0,
              r["assigned_to__full_name"] or r["assigned_to__username"] or "") for r in rows),
            heading=_("Hồ sơ đang chờ xử lý"))
        statuses = Sheet(_("Theo trạng thái"), (Column(_("Trạng thái"), 48),
                                                Column(_("Số hồ sơ"), 12, "int")),
                         [(str(label), overview["per_status"].get(value, 0))
                          for value, label in DossierStatus.choices],
                         heading=_("Hồ sơ theo trạng thái – năm thành tích %(y)s")
                         % {"y": overview["year"]})
        return [waiting, statuses]


class TaskListExportView(XlsxView):
    """Việc của tôi, việc chờ nhận, việc đã xử lý (khenthuong:route:inbox/queue/archive) with
    the page's filters, search and order, every page: the list view builds the rows."""

    def allowed(self, user) -> bool:
        return has_any_role(user)

    def get_filename(self) -> str:
        return {"inbox": "viec-cua-toi.xlsx", "queue": "viec-cho-nhan.xlsx",
                "archive": "viec-da-xu-ly.xlsx"}[self.kwargs["page"]]

    def sheets(self):
        from workflows import selectors as route
        from workflows.views.lists import RouteArchiveView, RouteInboxView, RouteQueueView

        page = self.kwargs["page"]
        view = {"inbox": RouteInboxView, "queue": RouteQueueView,
                "archive": RouteArchiveView}[page]()
        view.setup(self.request)
        rows = view.get_queryset()[: MAX_ROWS + 1].iterator(chunk_size=2000)
        on = today()

        def lines():
            chunk: list[dict] = []
            for row in rows:
                chunk.append(row)
                if len(chunk) == 2000:
                    yield from _task_lines(chunk, on, route, finished=page == "archive")
                    chunk = []
            yield from _task_lines(chunk, on, route, finished=page == "archive")

        columns = [Column(_("Bước"), 32), Column(_("Hồ sơ"), 50), Column(_("Đơn vị"), 36),
                   Column(_("Khối / Cụm"), 30), Column(_("Danh hiệu / hình thức"), 40),
                   Column(_("Hạn xử lý"), 12, "date"), Column(_("Quá hạn"), 9)]
        if page == "archive":
            columns.append(Column(_("Hoàn thành lúc"), 16, "datetime"))
        return [Sheet(str(view.title), tuple(columns), lines(), heading=str(view.title))]


def _task_lines(chunk: list[dict], on, route, *, finished: bool):
    awards = route.award_names_of({row["dossier_id"] for row in chunk})
    for row in chunk:
        late = row["finished_at"] is None and row["due_on"] < on
        line = [step_label(row["step"]), row["dossier__title"], row["dossier__unit__name"],
                row["bloc__name"] or "", awards.get(row["dossier_id"], ""), row["due_on"],
                _("Có") if late else ""]
        yield (*line, row["finished_at"]) if finished else tuple(line)
