"""The upload size limit, enforced while the request streams in (settings.FILE_UPLOAD_HANDLERS).

Django's own handlers keep a whole file (in memory or a temporary file) before any form or
service sees its size. `UploadSizeLimitHandler` goes first in the chain: once a file passes
settings.UPLOAD_MAX_MB it hands no more of it to the handlers after it and drops what they
kept, so nothing past the limit is stored. Django still reads the rest of the request body
(discarding it) so that the page can answer with the form and its Vietnamese size error;
the reverse proxy's body limit (docs/operations.md) is what cuts a connection short.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class OversizedUpload(UploadedFile):
    """Stands for a file refused at the size limit: its name and the size received, no
    content. Forms and `files.check_upload` refuse it with the size message."""

    def __init__(self, *, name: str, size: int, content_type: str | None,
                 charset: str | None, content_type_extra: dict | None) -> None:
        super().__init__(io.BytesIO(), name, content_type, size, charset, content_type_extra)


class UploadSizeLimitHandler(FileUploadHandler):
    """Passes each file's chunks on while the file is within settings.UPLOAD_MAX_MB; past it,
    keeps only the count and gives the form an `OversizedUpload`."""

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.limit = settings.UPLOAD_MAX_MB * 1024 * 1024
        self.oversized = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.oversized:
            return None
        if start + len(raw_data) > self.limit:
            self.oversized = True
            self._drop_kept_data()
            return None
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if not self.oversized:
            return None  # the next handler returns the file it kept
        return OversizedUpload(name=self.file_name, size=file_size,
                               content_type=self.content_type, charset=self.charset,
                               content_type_extra=self.content_type_extra)

    def _drop_kept_data(self) -> None:
        """Close what the later handlers kept of this file (a temporary file is deleted on
        close); they get no more of it, and their file_complete is not called."""
        handlers = getattr(self.request, "upload_handlers", None) or []
        after = handlers[handlers.index(self) + 1:] if self in handlers else []
        for handler in after:
            kept = getattr(handler, "file", None)
            if kept is not None:
                kept.close()
