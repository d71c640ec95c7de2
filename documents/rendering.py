"""Rendering a .docx template (docxtpl) with a context, and checking uploaded templates.

Templates may come from users, so Jinja runs sandboxed (no attribute tricks reach Python
internals) and strict (a misspelt variable is an error, not an empty string); values are
XML-escaped (autoescape) so a name with "&" or "<" cannot break the document.
"""

from __future__ import annotations

import io
import logging
import zipfile
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from nominations.files import check_upload

from .kinds import DocumentKind

logger = logging.getLogger(__name__)

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def render_docx(source: str | IO[bytes], context: dict) -> bytes:
    """The document rendered from the template at `source` (a path or a binary file)."""
    template = DocxTemplate(source)
    template.render(context, jinja_env=_environment(), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def check_template(uploaded, kind: str) -> None:
    """Refuse, with a Vietnamese message, an upload that is not a safe .docx (the upload
    checks of nominations/files.py: content type, zip bombs, macros, ActiveX, OLE) or that
    does not render with the sample data of `kind` (a Jinja syntax error, an unknown
    variable)."""
    from .selectors import sample_context

    checked = check_upload(uploaded)
    if checked.extension != "docx":
        raise ValidationError(_("Mẫu văn bản phải là tệp Word .docx (nhận được tệp %(ext)s).")
                              % {"ext": checked.extension.upper()}, code="not_docx")
    uploaded.seek(0)
    content = uploaded.read()
    uploaded.seek(0)
    try:
        rendered = render_docx(io.BytesIO(content), sample_context(DocumentKind(kind)))
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise ValidationError(
            _("Mẫu văn bản có lỗi ở thẻ {{ … }} / {%% … %%}: %(error)s. Xem danh sách biến "
              "được dùng trong hướng dẫn mẫu văn bản.")
            % {"error": f"{exc.message or exc}" + (f" (dòng {line})" if line else "")},
            code="template_error") from exc
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValidationError(_("Không đọc được tệp mẫu .docx: %(error)s.") % {"error": exc},
                              code="unreadable") from exc
    if not rendered:
        raise ValidationError(_("Mẫu văn bản không tạo ra được văn bản."), code="empty")


def active_template(kind: str, province_id: int | None):
    """The DocumentTemplate in use for `kind` in the province (its own, else the one for
    every province), or None: the shipped default applies."""
    from django.db.models import Q

    from .models import DocumentTemplate

    rows = (DocumentTemplate.objects.filter(kind=kind, active=True)
            .filter(Q(province_id=province_id) | Q(province__isnull=True)))
    by_province = {row.province_id: row for row in rows}
    return by_province.get(province_id) or by_province.get(None)


def render_kind(kind: str, province_id: int | None, context: dict) -> bytes:
    """`kind` rendered with `context` from the template in use for the province.

    A user's template passed its checks with the sample data; real data can still trip it
    (say `danh_sach[5]` on a shorter list): that is a ValidationError naming the template,
    not a server error. A template whose file is gone from storage gives way to the shipped
    one (logged)."""
    from .kinds import default_template_path

    template = active_template(kind, province_id)
    if template is not None:
        try:
            with template.file.open("rb") as handle:
                source = io.BytesIO(handle.read())
        except FileNotFoundError:
            logger.warning("document template %s: file %s missing, shipped template used",
                           template.pk, template.file.name)
            template = None
    if template is None:
        return render_docx(str(default_template_path(kind)), context)
    try:
        return render_docx(source, context)
    except TemplateError as exc:
        raise ValidationError(
            _("Mẫu văn bản “%(name)s” không tạo được văn bản với dữ liệu này: %(error)s. "
              "Vui lòng sửa mẫu hoặc dùng lại mẫu mặc định (trang Mẫu văn bản).")
            % {"name": template.original_name, "error": exc.message or exc},
            code="template_error") from exc
