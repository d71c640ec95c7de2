"""Upload checks: the file's content decides its type, not its name.

Accepted: PDF, DOCX, XLSX, JPG, PNG, up to settings.UPLOAD_MAX_MB. Files are stored under a
generated name (uploads/<year>/<month>/<uuid>.<ext>); the original name is kept in the DB.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# extension -> (filetype mime, canonical content type)
ALLOWED = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
_EXT_ALIASES = {"jpeg": "jpg"}
_OOXML_MARKER = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


@dataclass(frozen=True)
class CheckedFile:
    extension: str
    content_type: str
    size: int


def _sniff(head: bytes, fileobj: IO[bytes]) -> str | None:
    """Return our extension for the file's real content, or None."""
    kind = filetype.guess(head)
    if kind is None:
        return None
    ext = _EXT_ALIASES.get(kind.extension, kind.extension)
    if ext in ("docx", "xlsx", "zip"):
        # OOXML containers: confirm by the part that defines the document type.
        try:
            fileobj.seek(0)
            with zipfile.ZipFile(fileobj) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        for candidate, marker in _OOXML_MARKER.items():
            if marker in names:
                return candidate
        return None
    return ext if ext in ALLOWED else None


def check_upload(uploaded) -> CheckedFile:
    """Validate an uploaded file; raise ValidationError with a Vietnamese message."""
    max_mb = settings.UPLOAD_MAX_MB
    name = getattr(uploaded, "name", "") or ""
    size = getattr(uploaded, "size", None)
    if not size:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name}, code="empty")
    if size > max_mb * 1024 * 1024:
        raise ValidationError(
            _("Tệp “%(name)s” có dung lượng %(size).1f MB, vượt giới hạn %(max)d MB.")
            % {"name": name, "size": size / 1024 / 1024, "max": max_mb},
            code="too_large",
        )
    uploaded.seek(0)
    head = uploaded.read(8192)
    ext = _sniff(head, uploaded)
    uploaded.seek(0)
    if ext is None:
        raise ValidationError(
            _(
                "Tệp “%(name)s” không đúng định dạng cho phép. Chỉ nhận PDF, DOCX, XLSX, "
                "JPG, PNG (kiểm tra theo nội dung tệp, không chỉ theo tên)."
            )
            % {"name": name},
            code="bad_type",
        )
    claimed = _EXT_ALIASES.get(name.rsplit(".", 1)[-1].lower(), name.rsplit(".", 1)[-1].lower())
    if "." in name and claimed != ext:
        raise ValidationError(
            _("Tệp “%(name)s” có phần mở rộng .%(claimed)s nhưng nội dung là %(real)s.")
            % {"name": name, "claimed": claimed, "real": ext.upper()},
            code="mismatch",
        )
    return CheckedFile(extension=ext, content_type=ALLOWED[ext], size=size)


def generated_upload_path(instance, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    ext = _EXT_ALIASES.get(ext, ext)
    now = timezone.now()
    return f"uploads/{now:%Y}/{now:%m}/{uuid.uuid4().hex}.{ext}"
