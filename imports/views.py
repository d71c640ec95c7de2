"""Thin views over imports.services and imports.selectors (docs/imports.md)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic

from nominations.pagination import CappedPaginator

from . import selectors, services
from .forms import UploadForm
from .models import ImportKind, ImportStatus
from .schema import TEMPLATE_NAMES
from .workbook import build_template

ROWS_PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kind(value: str) -> str:
    if value not in ImportKind.values:
        raise Http404
    return value


class ImportIndexView(LoginRequiredMixin, generic.ListView):
    """The user's imports, newest first, and what they may import."""

    template_name = "imports/index.html"
    paginate_by = 25
    paginator_class = CappedPaginator

    def get_queryset(self):
        return selectors.jobs_visible_to(self.request.user).order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["kinds"] = [(value, label) for value, label in ImportKind.choices
                        if selectors.can_import(user, value)]
        ctx["page_title"] = _("Nhập dữ liệu từ Excel")
        return ctx


class TemplateDownloadView(LoginRequiredMixin, generic.View):
    def get(self, request, kind: str):
        kind = _kind(kind)
        if not selectors.can_import(request.user, kind):
            raise PermissionDenied
        response = HttpResponse(build_template(kind, request.user), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_NAMES[kind]}"'
        return response


class UploadView(LoginRequiredMixin, generic.FormView):
    template_name = "imports/upload.html"
    form_class = UploadForm

    def dispatch(self, request, *args, **kwargs):
        self.kind = _kind(kwargs["kind"])
        if request.user.is_authenticated and not selectors.can_import(request.user, self.kind):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.kind == ImportKind.NOMINEES:
            kwargs["dossiers"] = selectors.editable_dossiers(self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kind=self.kind, page_title=_("Nhập từ Excel: %(kind)s")
            % {"kind": ImportKind(self.kind).label}, **kwargs)

    def form_valid(self, form):
        try:
            job = services.create_job(user=self.request.user, kind=self.kind,
                                      uploaded=form.cleaned_data["file"],
                                      dossier=form.dossier())
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error("file", exc.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã nhận tệp; hệ thống đang kiểm tra từng dòng."))
        return redirect(reverse("khenthuong:imports:detail", args=[job.pk]))


class JobMixin(LoginRequiredMixin):
    def get_job(self):
        return get_object_or_404(selectors.jobs_visible_to(self.request.user),
                                 pk=self.kwargs["pk"])


class JobDetailView(JobMixin, generic.TemplateView):
    """Progress while a worker is at it; then the preview: the errors, and what each row
    will create or update (each list paginated)."""

    template_name = "imports/detail.html"

    def get_context_data(self, **kwargs):
        job = self.get_job()
        ctx = super().get_context_data(**kwargs)
        ctx.update(job=job, page_title=str(job))
        if not job.running:
            errors = Paginator(selectors.rows_with_errors(job), ROWS_PER_PAGE)
            rows = Paginator(selectors.rows_to_write(job), ROWS_PER_PAGE)
            ctx.update(
                counts=selectors.row_counts(job),
                error_page=errors.get_page(self.request.GET.get("loi")),
                row_page=rows.get_page(self.request.GET.get("trang")),
                can_confirm=job.status == ImportStatus.READY,
            )
        return ctx


class JobProgressView(JobMixin, generic.View):
    """The progress as JSON, polled by static/imports/progress.js."""

    def get(self, request, pk: int):
        job = self.get_job()
        return JsonResponse({
            "status": job.status, "status_label": job.get_status_display(),
            "running": job.running, "rows_done": job.rows_done, "total_rows": job.total_rows,
            "percent": job.percent,
        })


class JobConfirmView(JobMixin, generic.View):
    def post(self, request, pk: int):
        job = self.get_job()
        try:
            services.confirm_job(user=request.user, job=job)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã xác nhận; hệ thống đang kiểm tra lại và ghi dữ "
                                        "liệu."))
        return redirect(reverse("khenthuong:imports:detail", args=[job.pk]))
