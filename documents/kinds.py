"""The kinds of generated documents and their shipped default templates."""

from __future__ import annotations

from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULTS_DIR = Path(__file__).resolve().parent / "defaults"


class DocumentKind(models.TextChoices):
    UNIT_LETTER = "to_trinh_don_vi", _("Tờ trình của đơn vị (kèm danh sách đề nghị)")
    BOARD_LETTER = "to_trinh_ban", _("Tờ trình của Ban Thi đua – Khen thưởng trình UBND tỉnh")
    DECISION = "quyet_dinh", _("Quyết định khen thưởng (kèm danh sách)")
    BLOC_MINUTES = "bien_ban_binh_xet", _("Biên bản bình xét của Khối / Cụm thi đua")
    COUNCIL_MINUTES = "bien_ban_hoi_dong", _("Biên bản họp Hội đồng Thi đua – Khen thưởng")


def default_template_path(kind: str) -> Path:
    """The shipped template of `kind` (documents/defaults/<kind>.docx)."""
    return DEFAULTS_DIR / f"{DocumentKind(kind).value}.docx"
