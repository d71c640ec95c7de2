"""DOCX → PDF through LibreOffice headless (`soffice --headless --convert-to pdf`).

LibreOffice is optional: when neither `soffice` nor `libreoffice` is on PATH (or
settings.DOCUMENTS_SOFFICE names no executable), pages offer .docx only and say so.
Each conversion runs in its own temporary directory and LibreOffice profile (two
conversions at once do not share a profile lock), within DOCUMENTS_PDF_TIMEOUT seconds.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings


class ConversionError(Exception):
    pass


def converter() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    configured = getattr(settings, "DOCUMENTS_SOFFICE", "")
    if configured:
        return shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return converter() is not None


def docx_to_pdf(content: bytes, *, timeout: float | None = None) -> bytes:
    executable = converter()
    if executable is None:
        raise ConversionError("LibreOffice (soffice) không có trên máy chủ.")
    timeout = timeout or settings.DOCUMENTS_PDF_TIMEOUT
    with tempfile.TemporaryDirectory(prefix="kt-pdf-") as tmp:
        work = Path(tmp)
        source = work / "van-ban.docx"
        source.write_bytes(content)
        command = [executable, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                   str(work / "out"), str(source)]
        # its own process group: on timeout the whole tree (oosplash, soffice.bin) is killed
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   start_new_session=True)
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ConversionError(f"LibreOffice không xong trong {timeout:g} giây.") from exc
        result = work / "out" / "van-ban.pdf"
        if process.returncode != 0 or not result.exists():
            detail = (err or out).decode(errors="replace")[-500:]
            raise ConversionError(f"LibreOffice trả mã {process.returncode}: {detail}")
        return result.read_bytes()
