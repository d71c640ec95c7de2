"""Writes of the documents app: users' templates and PDF conversion requests."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from nominations.files import clean_file_name
from nominations.models import Province

from . import selectors
from .kinds import DocumentKind
from .models import DocumentTemplate, PdfConversion
from .rendering import check_template

PDF_KEEP = timedelta(days=1)


def _require_manager(user, province: Province | None) -> None:
    if province is None:
        if not user.is_superuser:
            raise PermissionDenied
    elif not selectors.provinces_managed_by(user).filter(pk=province.pk).exists():
        raise PermissionDenied


@transaction.atomic
def upload_template(*, user, kind: str, province: Province | None, uploaded
                    ) -> DocumentTemplate:
    """Make `uploaded` the template of `kind` for the province (None: for every province,
    superusers only), after the checks of rendering.check_template; the previous one is kept
    inactive."""
    kind = DocumentKind(kind)
    _require_manager(user, province)
    check_template(uploaded, kind)
    (DocumentTemplate.objects.select_for_update()
     .filter(kind=kind, province=province, active=True).update(active=False))
    name = clean_file_name(uploaded.name, extension="docx")
    template = DocumentTemplate(kind=kind, province=province, original_name=name,
                                uploaded_by=user)
    template.file.save(name, uploaded, save=False)
    template.save()
    return template


@transaction.atomic
def reset_template(*, user, kind: str, province: Province | None) -> int:
    """Go back to the default template of `kind` (the shipped one, or the one for every
    province): the province's template is kept, inactive. Returns rows changed."""
    _require_manager(user, province)
    return (DocumentTemplate.objects.filter(kind=DocumentKind(kind), province=province,
                                            active=True).update(active=False))


def request_pdf(*, user, kind: str, file_name: str, docx: bytes) -> PdfConversion:
    """Queue the conversion of a generated document to PDF (the worker converts it)."""
    from .tasks import convert_to_pdf

    conversion = PdfConversion.objects.create(requested_by=user, kind=DocumentKind(kind),
                                              file_name=file_name, docx=docx)
    transaction.on_commit(lambda: convert_to_pdf.delay(conversion.pk))
    return conversion


def convert_pdf(conversion_id: int) -> str:
    """Convert one queued request; old requests (over a day) are removed. Returns the
    state reached."""
    from .pdf import ConversionError, docx_to_pdf

    PdfConversion.objects.filter(created_at__lt=timezone.now() - PDF_KEEP).delete()
    conversion = PdfConversion.objects.filter(pk=conversion_id,
                                              state=PdfConversion.State.QUEUED).first()
    if conversion is None:
        return "missing"
    try:
        conversion.pdf = docx_to_pdf(bytes(conversion.docx))
        conversion.state = PdfConversion.State.DONE
    except ConversionError as exc:
        conversion.state, conversion.error = PdfConversion.State.ERROR, str(exc)
    conversion.finished_at = timezone.now()
    conversion.save(update_fields=["pdf", "state", "error", "finished_at"])
    return conversion.state
