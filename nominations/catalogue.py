"""The award catalogue of LAW-2022.md as data: the single source for the Award table
(loaded by a data migration and by `load_demo`) and for the dossier checklist."""

from __future__ import annotations

from dataclasses import dataclass

from .choices import AttachmentKind as Doc


@dataclass(frozen=True)
class AwardSpec:
    code: str
    name: str
    kind: str  # title | award
    nominee_kind: str  # individual | collective | both
    deciding_level: str  # unit | province | central
    via_bloc: bool
    ballot_threshold: int  # 0, 80 or 90 (VOTE-NONE / VOTE-80 / VOTE-90)
    cash_multiplier: str  # multiple of the base salary (NĐ 98 Điều 54); "" if not listed
    order: int


AWARDS: tuple[AwardSpec, ...] = (
    AwardSpec("LDTT", "Lao động tiên tiến", "title", "individual", "unit", False, 0, "0.3", 10),
    AwardSpec("CSTDCS", "Chiến sĩ thi đua cơ sở", "title", "individual", "unit", False, 80, "1.0",
              20),
    AwardSpec("CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh", "title", "individual", "province", False,
              90, "3.0", 30),
    AwardSpec("CSTDTQ", "Chiến sĩ thi đua toàn quốc", "title", "individual", "central", False,
              90, "4.5", 40),
    AwardSpec("TTLDTT", "Tập thể lao động tiên tiến", "title", "collective", "unit", False, 0,
              "0.8", 50),
    AwardSpec("TTLDXS", "Tập thể lao động xuất sắc", "title", "collective", "province", False, 0,
              "1.5", 60),
    AwardSpec("CO_TINH", "Cờ thi đua của UBND tỉnh", "title", "collective", "province", True, 80,
              "8", 70),
    AwardSpec("CO_CP", "Cờ thi đua của Chính phủ", "title", "collective", "central", True, 80,
              "12", 80),
    AwardSpec("GIAY_KHEN", "Giấy khen", "award", "both", "unit", False, 0, "0.6", 90),
    AwardSpec("BK_TINH", "Bằng khen của Chủ tịch UBND tỉnh", "award", "both", "province", True, 0,
              "3", 100),
    AwardSpec("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "award", "both", "central", True, 0,
              "7", 110),
    AwardSpec("HCLD3", "Huân chương Lao động hạng Ba", "award", "both", "central", False, 0, "9",
              120),
)
AWARDS_BY_CODE = {a.code: a for a in AWARDS}
TITLE_CODES = frozenset(a.code for a in AWARDS if a.kind == "title")

# Required documents per award (Luật Điều 84; NĐ 98 Điều 33–34). The submission letter is
# required once per dossier; the rest once per nomination.
DOSSIER_DOCUMENTS = (Doc.SUBMISSION_LETTER,)
_TITLE_DOCS = (Doc.REPORT, Doc.VOTE_MINUTES)
NOMINATION_DOCUMENTS: dict[str, tuple[str, ...]] = {
    "LDTT": _TITLE_DOCS,
    "CSTDCS": _TITLE_DOCS + (Doc.INITIATIVE_CERT,),
    "CSTD_TINH": _TITLE_DOCS + (Doc.EFFECT_CONFIRMATION,),
    "CSTDTQ": _TITLE_DOCS + (Doc.EFFECT_CONFIRMATION, Doc.UPWARD_FILES),
    "TTLDTT": _TITLE_DOCS,
    "TTLDXS": _TITLE_DOCS,
    "CO_TINH": _TITLE_DOCS,
    "CO_CP": _TITLE_DOCS + (Doc.UPWARD_FILES,),
    "GIAY_KHEN": (Doc.REPORT,),
    "BK_TINH": (Doc.REPORT,),
    "BK_TTG": (Doc.REPORT, Doc.UPWARD_FILES),
    "HCLD3": (Doc.REPORT, Doc.UPWARD_FILES),
}
