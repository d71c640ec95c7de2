"""Thin views over nominations.services and nominations.selectors."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from accounts.roles import UNIT_OFFICER
from config.forms import ServiceFormMixin

from . import selectors, services
from .catalogue import DOSSIER_DOCUMENTS, NOMINATION_DOCUMENTS
from .choices import AttachmentKind
from .forms import AttachmentForm, DossierForm, NominationForm
from .pagination import CappedPaginator


class DossierListView(LoginRequiredMixin, generic.ListView):
    template_name = "nominations/dossier_list.html"
    paginate_by = 50
    # a province's years of dossiers: count the first few hundred, not all 40,000
    paginator_class = CappedPaginator

    def get_queryset(self):
        return (
            selectors.dossiers_visible_to(self.request.user)
            .select_related("unit")
            .order_by("-year", "-created_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_create"] = bool(user.unit_id and user.has_role(UNIT_OFFICER))
        # counted for the page's rows only: counting every visible dossier's nominations
        # before taking 50 read the whole province
        rows = selectors.with_nomination_counts(list(ctx["object_list"]))
        ctx["object_list"] = selectors.with_intake_deadlines(rows)
        return ctx


class DossierCreateView(LoginRequiredMixin, ServiceFormMixin, generic.FormView):
    template_name = "nominations/form.html"
    form_class = DossierForm
    extra_context = {"page_title": _("Lập hồ sơ đề nghị khen thưởng")}
    success_message = gettext_lazy("Đã lập hồ sơ.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not (
            request.user.unit_id and request.user.has_role(UNIT_OFFICER)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def call_service(self, form):
        self.dossier = services.create_dossier(
            user=self.request.user, unit=self.request.user.unit, **form.cleaned_data
        )
        return self.dossier

    def get_success_url(self):
        return reverse("khenthuong:dossiers:detail", args=[self.dossier.pk])


class DossierMixin(LoginRequiredMixin):
    def get_dossier(self):
        return get_object_or_404(
            selectors.dossiers_visible_to(self.request.user), pk=self.kwargs["pk"]
        )


class DossierDetailView(DossierMixin, generic.TemplateView):
    template_name = "nominations/dossier_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        dossier = self.get_dossier()
        selectors.with_intake_deadlines([dossier])
        nominations = list(
            dossier.nominations.select_related(
                "award", "person", "collective", "eligibility"
            ).order_by("id")
        )
        attachments = list(dossier.attachments.select_related("nomination").all())
        kinds_by_nomination: dict[int | None, set[str]] = {}
        for att in attachments:
            kinds_by_nomination.setdefault(att.nomination_id, set()).add(att.kind)
        labels = dict(AttachmentKind.choices)
        for n in nominations:
            have = kinds_by_nomination.get(n.pk, set())
            n.checklist = [
                (labels.get(kind, kind), kind in have)
                for kind in NOMINATION_DOCUMENTS.get(n.award.code, ())
            ]
        dossier_have = kinds_by_nomination.get(None, set())
        ctx.update(
            dossier=dossier,
            dossier_docs=[(labels.get(kind, kind), kind in dossier_have)
                          for kind in DOSSIER_DOCUMENTS],
            nominations=nominations,
            attachments=attachments,
            events=selectors.timeline(dossier),
            can_edit=selectors.can_edit_dossier(self.request.user, dossier),
        )
        return ctx


class NominationCreateView(DossierMixin, ServiceFormMixin, generic.FormView):
    template_name = "nominations/form.html"
    form_class = NominationForm
    extra_context = {"page_title": _("Thêm đề nghị")}
    success_message = gettext_lazy("Đã thêm đề nghị.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.dossier = self.get_dossier()
            if not selectors.can_edit_dossier(request.user, self.dossier):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.dossier.unit}

    def call_service(self, form):
        from django.db import transaction

        data = form.cleaned_data
        with transaction.atomic():
            nomination = services.add_nomination(
                user=self.request.user, dossier=self.dossier, award=data["award"],
                person=data["person"], collective=data["collective"],
                basis=data["basis"], summary=data["summary"],
            )
            if data.get("report"):
                services.attach_file(user=self.request.user, dossier=self.dossier,
                                     nomination=nomination, kind="report",
                                     uploaded=data["report"])
        return nomination

    def get_success_url(self):
        return reverse("khenthuong:dossiers:detail", args=[self.dossier.pk])


class AttachmentUploadView(DossierMixin, ServiceFormMixin, generic.FormView):
    template_name = "nominations/form.html"
    form_class = AttachmentForm
    extra_context = {"page_title": _("Tải tệp lên hồ sơ")}
    success_message = gettext_lazy("Đã tải tệp lên.")
    service_error_field = "file"  # the upload's checks speak of the file

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.dossier = self.get_dossier()
            if not selectors.can_edit_dossier(request.user, self.dossier):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "dossier": self.dossier}

    def call_service(self, form):
        return services.attach_file(
            user=self.request.user, dossier=self.dossier, kind=form.cleaned_data["kind"],
            nomination=form.cleaned_data["nomination"], uploaded=form.cleaned_data["file"],
        )

    def get_success_url(self):
        return reverse("khenthuong:dossiers:detail", args=[self.dossier.pk])


class NomineeHistoryView(LoginRequiredMixin, generic.TemplateView):
    """A person's or collective's history: titles and awards with their decisions (where the
    committee's decision writes each award), yearly ratings, initiatives."""

    template_name = "nominations/nominee_history.html"
    kind = "person"

    def get_context_data(self, **kwargs):
        history = selectors.nominee_history(self.request.user, self.kind, self.kwargs["pk"])
        if history is None:
            raise Http404
        return super().get_context_data(
            **history, page_title=_("Quá trình khen thưởng: %(name)s")
            % {"name": history["nominee"]}, **kwargs)


class AttachmentDownloadView(LoginRequiredMixin, generic.View):
    def get(self, request, pk: int):
        attachment = selectors.attachments_visible_to(request.user).filter(pk=pk).first()
        if attachment is None:
            raise Http404
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        return FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                            content_type=attachment.content_type)
