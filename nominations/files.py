"""Upload checks: the file's content decides its type, not its name.

Accepted: PDF, DOCX, XLSX, JPG, PNG, up to settings.UPLOAD_MAX_MB. Files are stored under a
generated name (uploads/<year>/<month>/<uuid>.<ext>); the original name is kept in the DB,
cleaned by `clean_file_name`.

DOCX and XLSX are zip packages (OOXML). Before any part is decompressed, the package's
central directory is checked against the bounds below (zip bombs); then the package is
refused if it carries active content: VBA macros (vbaProject.bin, macro-enabled content
types, Excel 4.0 macro sheets), ActiveX controls, embedded OLE objects or executables, or a
template loaded from outside the file. Only the small parts that say so are read
([Content_Types].xml, the .rels parts), each within its own bound. Nothing in the project
opens a stored attachment with python-docx or openpyxl; a file reaches storage only through
`nominations.services.attach_file`, after `check_upload`. The Excel import (imports/) reads
its workbook with openpyxl (read-only) only after `check_upload` passed it.
"""

from __future__ import annotations

import re
import struct
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# extension -> canonical content type
ALLOWED = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
_EXT_ALIASES = {"jpeg": "jpg"}
_OOXML_MARKER = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}

# Bounds on an OOXML package, read from its central directory before anything is inflated.
# A real report or list stays far below them (a Word file has 15-50 parts, XML compresses
# 5-30 times); a zip bomb does not (deflate reaches ~1000 times).
OOXML_MAX_ENTRIES = 2000
OOXML_MAX_DIRECTORY_BYTES = 1024 * 1024
OOXML_MAX_UNCOMPRESSED = 200 * 1024 * 1024
OOXML_MAX_RATIO = 200  # uncompressed / compressed, for any part over 1 MB uncompressed
_RATIO_FROM = 1024 * 1024
_MAX_READ_PART = 1024 * 1024  # [Content_Types].xml and .rels parts: read only if this small

# Office names of macro-enabled (or binary, macro-capable) packages.
MACRO_EXTENSIONS = frozenset({"docm", "dotm", "xlsm", "xltm", "xlam", "xlsb", "pptm", "potm",
                              "ppsm", "ppam", "sldm"})
_EXECUTABLE_EXTENSIONS = frozenset({"exe", "dll", "scr", "com", "pif", "cpl", "msi", "bat",
                                    "cmd", "ps1", "vbs", "vbe", "js", "jse", "wsf", "wsh",
                                    "hta", "jar", "lnk", "reg", "sys"})
_ACTIVE_CONTENT_TYPES = (b"macroenabled", b"vbaproject", b"vbadata", b"macrosheet",
                         b"activex")
_EXTERNAL_RELATION = re.compile(
    rb"<Relationship\b(?=[^>]*\bTargetMode\s*=\s*[\"']External[\"'])"
    rb"(?=[^>]*\bType\s*=\s*[\"'][^\"']*/(?:attachedTemplate|oleObject|subDocument|frame)"
    rb"[\"'])[^>]*>",
    re.IGNORECASE,
)
_MAX_NAME_LENGTH = 255  # Attachment.original_name
_MAX_EXTENSION_LENGTH = 10


@dataclass(frozen=True)
class CheckedFile:
    extension: str
    content_type: str
    size: int


class _Refused(Exception):
    def __init__(self, code: str):
        self.code = code


def _split_extension(name: str) -> tuple[str, str]:
    """(stem, extension) of a file name; a "." followed by anything but a short run of
    letters and digits is part of the stem."""
    stem, dot, ext = name.rpartition(".")
    if dot and stem and ext.isalnum() and len(ext) <= _MAX_EXTENSION_LENGTH:
        return stem, ext
    return name, ""


def _claimed_extension(name: str) -> str:
    ext = _split_extension(name)[1].lower()
    return _EXT_ALIASES.get(ext, ext)


def clean_file_name(name: str, *, extension: str = "") -> str:
    """The name to keep and show for an upload: no folders, no control or invisible
    formatting characters (a right-to-left override can make "gpj.exe" read as "exe.jpg"),
    NFC-normalised, at most 255 characters with the extension kept (the stem is shortened).
    A name without extension gets `extension` (the type found in the content)."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]
    kept = []
    for ch in name:
        category = unicodedata.category(ch)
        if category == "Zs":
            kept.append(" ")
        elif category[0] not in "CZ":
            kept.append(ch)
    name = re.sub(r" {2,}", " ", "".join(kept)).strip(" .")
    stem, ext = _split_extension(name)
    ext = ext or extension
    suffix = f".{ext}" if ext else ""
    stem = stem[: _MAX_NAME_LENGTH - len(suffix)].rstrip(" .") or "tep"
    return stem + suffix


def size_error(name: str, size: int) -> ValidationError | None:
    """The Vietnamese size error for a file of `size` bytes, or None if it is within the limit
    (also used by the upload forms on what the streaming upload handler received)."""
    max_mb = settings.UPLOAD_MAX_MB
    if size <= max_mb * 1024 * 1024:
        return None
    return ValidationError(
        _("Tệp “%(name)s” có dung lượng %(size).1f MB, vượt giới hạn %(max)d MB.")
        % {"name": name, "size": size / 1024 / 1024, "max": max_mb},
        code="too_large",
    )


def _check_directory_bounds(fileobj: IO[bytes]) -> None:
    """Read the zip's end-of-central-directory record and refuse, before zipfile parses the
    directory, a package announcing too many entries or too large a directory (zip64, which
    no DOCX/XLSX within the upload limit needs, is refused too)."""
    fileobj.seek(0, 2)
    size = fileobj.tell()
    tail_length = min(size, 22 + 0xFFFF)
    fileobj.seek(size - tail_length)
    tail = fileobj.read(tail_length)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise _Refused("bad_type")
    entries, directory_size, directory_offset = struct.unpack("<2xH2L", tail[at + 8:at + 20])
    if entries == 0xFFFF or 0xFFFFFFFF in (directory_size, directory_offset):
        raise _Refused("zip_bomb")
    if entries > OOXML_MAX_ENTRIES or directory_size > OOXML_MAX_DIRECTORY_BYTES:
        raise _Refused("zip_bomb")


def _check_entries(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > OOXML_MAX_ENTRIES:
        raise _Refused("zip_bomb")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED,
                                                                zipfile.ZIP_DEFLATED):
            raise _Refused("bad_type")  # encrypted parts or a method Office never writes
        total += info.file_size
        if info.file_size > _RATIO_FROM and (
                info.file_size > OOXML_MAX_RATIO * max(info.compress_size, 1)):
            raise _Refused("zip_bomb")
    if total > OOXML_MAX_UNCOMPRESSED:
        raise _Refused("zip_bomb")


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > _MAX_READ_PART:
        raise _Refused("bad_type")
    with archive.open(info) as part:
        return part.read(_MAX_READ_PART + 1)[:_MAX_READ_PART]


def _check_active_content(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    for info in infos:
        name = info.filename.lower()
        base = name.rsplit("/", 1)[-1]
        ext = base.rsplit(".", 1)[-1] if "." in base else ""
        if (base in ("vbaproject.bin", "vbadata.xml")
                or "/activex/" in f"/{name}" or "macrosheet" in name
                or ext in MACRO_EXTENSIONS or ext in _EXECUTABLE_EXTENSIONS
                or ("/embeddings/" in f"/{name}" and ext == "bin")
                or base.startswith("oleobject")):
            raise _Refused("active_content")
    for info in infos:
        name = info.filename.lower()
        if name == "[content_types].xml":
            types = _read_small(archive, info).lower()
            if any(marker in types for marker in _ACTIVE_CONTENT_TYPES):
                raise _Refused("active_content")
        elif name.endswith(".rels") and _EXTERNAL_RELATION.search(_read_small(archive, info)):
            raise _Refused("active_content")


def _inspect_ooxml(fileobj: IO[bytes]) -> str | None:
    """Our extension for an OOXML package ("docx"/"xlsx"), None if it is not one; raises
    _Refused for a zip bomb or active content. Bounds first, then the parts' names, then
    the few small parts that declare content types and relations."""
    _check_directory_bounds(fileobj)
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
            _check_entries(infos)
            names = {info.filename for info in infos}
            found = next((ext for ext, marker in _OOXML_MARKER.items() if marker in names),
                         None)
            if found is None:
                return None
            _check_active_content(archive, infos)
            return found
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError, RuntimeError) as exc:
        raise _Refused("bad_type") from exc


def _sniff(head: bytes, fileobj: IO[bytes]) -> str | None:
    """Return our extension for the file's real content, or None."""
    kind = filetype.guess(head)
    if kind is None:
        return None
    ext = _EXT_ALIASES.get(kind.extension, kind.extension)
    if ext in ("docx", "xlsx", "zip"):
        return _inspect_ooxml(fileobj)
    return ext if ext in ALLOWED else None


def _refusal(code: str, name: str) -> ValidationError:
    messages = {
        "bad_type": _(
            "Tệp “%(name)s” không đúng định dạng cho phép. Chỉ nhận PDF, DOCX, XLSX, "
            "JPG, PNG (kiểm tra theo nội dung tệp, không chỉ theo tên)."
        ),
        "zip_bomb": _(
            "Tệp “%(name)s” có cấu trúc nén bất thường (quá nhiều thành phần, dung lượng "
            "khi giải nén quá lớn hoặc tỷ lệ nén bất thường) nên không được nhận."
        ),
        "active_content": _(
            "Tệp “%(name)s” chứa macro, điều khiển ActiveX hoặc đối tượng nhúng (OLE, tệp "
            "chạy được, mẫu tải từ bên ngoài) nên không được nhận vì lý do an toàn. Vui lòng "
            "lưu lại thành tệp .docx/.xlsx thông thường hoặc PDF rồi tải lên."
        ),
    }
    return ValidationError(messages[code] % {"name": name}, code=code)


def check_upload(uploaded) -> CheckedFile:
    """Validate an uploaded file; raise ValidationError with a Vietnamese message."""
    raw_name = getattr(uploaded, "name", "") or ""
    name = clean_file_name(raw_name)
    size = getattr(uploaded, "size", None)
    if not size:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name}, code="empty")
    too_large = size_error(name, size)
    if too_large is not None:
        raise too_large
    claimed = _claimed_extension(name)
    if claimed in MACRO_EXTENSIONS:
        raise _refusal("active_content", name)
    uploaded.seek(0)
    head = uploaded.read(8192)
    try:
        ext = _sniff(head, uploaded)
    except _Refused as refused:
        raise _refusal(refused.code, name) from None
    finally:
        uploaded.seek(0)
    if ext is None:
        raise _refusal("bad_type", name)
    if claimed and claimed != ext:
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
