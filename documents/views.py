"""Thin views: generated documents (.docx, PDF through the worker), Excel lists, and the
province's templates. Objects are found through selectors that apply the pages' own
visibility rules: what a user cannot see answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import generic

from nominations import selectors as nomination_selectors

from . import selectors, services
from .forms import BoardLetterForm, NomineeListForm, TemplateUploadForm, YearForm
from .kinds import DocumentKind, default_template_path
from .models import PdfConversion
from .pdf import pdf_available
from .rendering import DOCX_CONTENT_TYPE, active_template, render_kind
from .spreadsheets import XLSX_CONTENT_TYPE, decided_awards_xlsx, nominees_xlsx


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ---------------------------------------------------------------- generated documents


class GeneratedDocumentView(LoginRequiredMixin, generic.View):
    """GET: the .docx; POST: queue its PDF conversion and go to the conversion's page."""

    kind: str = ""

    def document(self) -> tuple[int | None, dict, str]:
        """(province id, context, file name without extension); 404 when not visible."""
        raise NotImplementedError

    def render(self) -> tuple[bytes, str]:
        province_id, context, name = self.document()
        return render_kind(self.kind, province_id, context), name

    def back(self, *errors: str) -> HttpResponse:
        """Back to the page the user came from (this site only), with the errors shown."""
        for error in errors:
            messages.error(self.request, error)
        referer = self.request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(referer, allowed_hosts={self.request.get_host()},
                                               require_https=self.request.is_secure()):
            referer = reverse("khenthuong:documents:index")
        return redirect(referer)

    def get(self, request, *args, **kwargs):
        try:
            content, name = self.render()
        except ValidationError as exc:
            return self.back(*exc.messages)
        return _download(content, f"{name}.docx", DOCX_CONTENT_TYPE)

    def post(self, request, *args, **kwargs):
        try:
            content, name = self.render()
        except ValidationError as exc:
            return self.back(*exc.messages)
        if not pdf_available():
            return self.back(_("Máy chủ chưa cài LibreOffice nên chưa tạo được PDF; vui lòng "
                               "tải bản .docx."))
        conversion = services.request_pdf(user=request.user, kind=self.kind,
                                          file_name=f"{name}.pdf", docx=content)
        return redirect(reverse("khenthuong:documents:pdf", args=[conversion.pk]))


class UnitLetterView(GeneratedDocumentView):
    kind = DocumentKind.UNIT_LETTER

    def document(self):
        dossier = selectors.dossier_for(self.request.user, self.kwargs["pk"])
        if dossier is None:
            raise Http404
        return (dossier.unit.province_id,
                selectors.in_vietnamese(selectors.unit_letter_context, dossier),
                f"to-trinh-ho-so-{dossier.pk}")


class DecisionDocumentView(GeneratedDocumentView):
    kind = DocumentKind.DECISION

    def document(self):
        decision = selectors.decision_for(self.request.user, self.kwargs["pk"])
        if decision is None:
            raise Http404
        return (decision.dossier.unit.province_id,
                selectors.in_vietnamese(selectors.decision_context, decision),
                f"quyet-dinh-{slugify(decision.number) or decision.pk}")


class BlocMinutesView(GeneratedDocumentView):
    kind = DocumentKind.BLOC_MINUTES

    def document(self):
        session = selectors.closed_vote_session_for(self.request.user, self.kwargs["pk"])
        if session is None:
            raise Http404
        return (session.bloc.province_id,
                selectors.in_vietnamese(selectors.bloc_minutes_context, session),
                f"bien-ban-binh-xet-{session.bloc_id}-{session.year}")


class CouncilMinutesView(GeneratedDocumentView):
    kind = DocumentKind.COUNCIL_MINUTES

    def document(self):
        meeting = selectors.closed_council_meeting_for(self.request.user, self.kwargs["pk"])
        if meeting is None:
            raise Http404
        return (meeting.province_id,
                selectors.in_vietnamese(selectors.council_minutes_context, meeting),
                f"bien-ban-hoi-dong-{meeting.pk}")


class BoardLetterView(GeneratedDocumentView):
    """The Ban's tờ trình to the UBND (board and committee roles of the province)."""

    kind = DocumentKind.BOARD_LETTER

    def document(self):
        user = self.request.user
        if not selectors.can_manage_province_documents(user):
            raise PermissionDenied
        data = self.request.GET if self.request.method == "GET" else self.request.POST
        form = BoardLetterForm(data, provinces=selectors.provinces_managed_by(user))
        if not form.is_valid():
            if "tinh" in form.errors:  # not a province of the user's: as if unknown
                raise Http404
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        province, year = form.cleaned_data["tinh"], form.cleaned_data["nam"]
        context = selectors.in_vietnamese(
            selectors.board_letter_context, province, year, number=form.cleaned_data["so"],
            on=form.cleaned_data["ngay"])
        return province.pk, context, f"to-trinh-ban-tdkt-{province.code}-{year}"


class PdfConversionView(LoginRequiredMixin, generic.TemplateView):
    """The state of one's own PDF conversion; refreshes itself until the worker is done."""

    template_name = "documents/pdf.html"

    def get_context_data(self, **kwargs):
        conversion = get_object_or_404(
            PdfConversion.objects.defer("docx", "pdf"), pk=self.kwargs["pk"],
            requested_by=self.request.user)
        return super().get_context_data(conversion=conversion, **kwargs)


class PdfDownloadView(LoginRequiredMixin, generic.View):
    def get(self, request, pk: int):
        conversion = get_object_or_404(PdfConversion, pk=pk, requested_by=request.user,
                                       state=PdfConversion.State.DONE)
        return _download(bytes(conversion.pdf), conversion.file_name, "application/pdf")


# ---------------------------------------------------------------- Excel lists


class DossierNomineesXlsxView(LoginRequiredMixin, generic.View):
    def get(self, request, pk: int):
        dossier = selectors.dossier_for(request.user, pk)
        if dossier is None:
            raise Http404
        rows = selectors.iterate(selectors.nominee_list(request.user, dossier=dossier))
        content = nominees_xlsx(rows, heading=f"Danh sách đề nghị khen thưởng – {dossier.title}"
                                f" ({dossier.unit.name}, năm {dossier.year})")
        return _download(content, f"danh-sach-de-nghi-ho-so-{dossier.pk}.xlsx",
                         XLSX_CONTENT_TYPE)


class NomineesXlsxView(LoginRequiredMixin, generic.View):
    def get(self, request):
        form = NomineeListForm(request.GET, units=nomination_selectors.units_visible_to(
            request.user))
        if not form.is_valid():
            messages.error(request, _("Bộ lọc danh sách không hợp lệ: %(errors)s")
                           % {"errors": " ".join(m for e in form.errors.values() for m in e)})
            return redirect(reverse("khenthuong:documents:index"))
        data = form.cleaned_data
        qs = selectors.nominee_list(
            request.user, year=data["nam"], unit_id=data["don_vi"].pk if data["don_vi"] else None,
            award_id=data["hinh_thuc"].pk if data["hinh_thuc"] else None,
            status=data["trang_thai"])
        content = nominees_xlsx(selectors.iterate(qs),
                                heading=f"Danh sách đề nghị khen thưởng năm {data['nam']}")
        return _download(content, f"danh-sach-de-nghi-{data['nam']}.xlsx", XLSX_CONTENT_TYPE)


class DecidedAwardsXlsxView(LoginRequiredMixin, generic.View):
    def get(self, request):
        form = YearForm(request.GET)
        if not form.is_valid():
            messages.error(request, _("Vui lòng chọn năm thành tích hợp lệ."))
            return redirect(reverse("khenthuong:documents:index"))
        year = form.cleaned_data["nam"]
        content = decided_awards_xlsx(
            selectors.iterate(selectors.decided_awards(request.user, year=year)),
            heading=f"Danh sách khen thưởng theo quyết định – thành tích năm {year}")
        return _download(content, f"danh-sach-khen-thuong-{year}.xlsx", XLSX_CONTENT_TYPE)


# ---------------------------------------------------------------- the index page


class DocumentIndexView(LoginRequiredMixin, generic.TemplateView):
    template_name = "documents/index.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        year = timezone.localdate().year - 1
        manages = selectors.can_manage_province_documents(user)
        provinces = selectors.provinces_managed_by(user)
        return super().get_context_data(
            page_title=_("Văn bản và danh sách"),
            nominee_form=NomineeListForm(
                initial={"nam": year}, auto_id="ds_%s",
                units=nomination_selectors.units_visible_to(user).order_by("name")),
            awards_form=YearForm(initial={"nam": year}, auto_id="kt_%s"),
            manages=manages,
            board_form=BoardLetterForm(initial={"nam": year, "tinh": provinces.first()},
                                       provinces=provinces, auto_id="tt_%s") if manages
            else None,
            pdf_available=pdf_available(), **kwargs)


# ---------------------------------------------------------------- templates


class TemplateMixin(LoginRequiredMixin):
    """The templates page manages the user's province (a superuser without one: the
    templates for every province)."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            if not selectors.can_manage_province_documents(user):
                raise PermissionDenied
            self.province = user.province if user.province_id else None
        return super().dispatch(request, *args, **kwargs)


class TemplateListView(TemplateMixin, generic.TemplateView):
    template_name = "documents/templates.html"

    def get_context_data(self, **kwargs):
        province_id = self.province.pk if self.province else None
        rows = []
        for kind, label in DocumentKind.choices:
            current = active_template(kind, province_id)
            if current is None:
                source = _("Mẫu mặc định của phần mềm")
            elif current.province_id:
                source = _("Mẫu riêng của tỉnh")
            else:
                source = _("Mẫu chung cho các tỉnh")
            rows.append({"kind": kind, "label": label, "current": current, "source": source,
                         "own": bool(current and current.province_id == province_id)})
        return super().get_context_data(
            page_title=_("Mẫu văn bản"), rows=rows, province=self.province,
            help=_("Tải mẫu đang dùng về, sửa bằng Word hoặc LibreOffice (giữ các thẻ {{ … }}, "
                   "{%p … %}, {%tr … %} cần thiết; danh sách biến xem trong docs/documents.md), "
                   "rồi tải lên. Mẫu được kiểm tra trước khi dùng: phải là tệp .docx không chứa "
                   "macro và tạo được văn bản với dữ liệu mẫu."),
            form=kwargs.pop("form", None) or TemplateUploadForm(), **kwargs)


class TemplateUploadView(TemplateListView):
    def post(self, request):
        form = TemplateUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.upload_template(user=request.user, kind=form.cleaned_data["kind"],
                                         province=self.province,
                                         uploaded=form.cleaned_data["file"])
            except ValidationError as exc:
                form.add_error("file", exc.messages)
            else:
                messages.success(request, _("Đã lưu mẫu văn bản mới."))
                return redirect(reverse("khenthuong:documents:templates"))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TemplateResetView(TemplateMixin, generic.View):
    def post(self, request, kind: str):
        if kind not in DocumentKind.values:
            raise Http404
        services.reset_template(user=request.user, kind=kind, province=self.province)
        messages.success(request, _("Đã trở lại dùng mẫu mặc định."))
        return redirect(reverse("khenthuong:documents:templates"))


class TemplateDownloadView(TemplateMixin, generic.View):
    """The template in use (to edit it and upload it back)."""

    def get(self, request, kind: str):
        if kind not in DocumentKind.values:
            raise Http404
        current = active_template(kind, self.province.pk if self.province else None)
        if current is None:
            content = default_template_path(kind).read_bytes()
        else:
            with current.file.open("rb") as handle:
                content = handle.read()
        return _download(content, f"mau-{kind}.docx", DOCX_CONTENT_TYPE)
