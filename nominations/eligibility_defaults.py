"""The province-configurable eligibility pieces as read from `settings.ELIGIBILITY`
(environment variables). These are the defaults of a new `EligibilitySettings` row and
what applies when no row exists. No model imports here: models.py uses these as field
defaults.

    ELIGIBILITY = {
        "ONE_USE_INITIATIVES": True,     # GEN-ONE-USE
        "GIAY_KHEN_MODE": "manual",      # GIAY_KHEN: "manual", or a rating code ("HTT"),
                                         #   also written "min_rating:HTT"
        "PROVINCE_INTAKE_DAY": "12-10",  # DL-PROVINCE as MM-DD; "" for none
    }
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .eligibility.facts import RATINGS


def _raw() -> dict:
    return getattr(settings, "ELIGIBILITY", {}) or {}


def one_use_initiatives() -> bool:
    return bool(_raw().get("ONE_USE_INITIATIVES", True))


def giay_khen_min_rating() -> str:
    """The rating code a Giấy khen needs, or "" when a reviewer decides ("manual")."""
    mode = str(_raw().get("GIAY_KHEN_MODE", "manual") or "manual").strip()
    if mode.lower() == "manual":
        return ""
    code = mode.split(":", 1)[1] if mode.lower().startswith("min_rating:") else mode
    code = code.strip().upper()
    if code not in RATINGS:
        raise ImproperlyConfigured(
            f"ELIGIBILITY['GIAY_KHEN_MODE'] = {mode!r}: dùng 'manual' hoặc một mã xếp loại "
            f"({', '.join(RATINGS)})."
        )
    return code


def _intake() -> tuple[int, int] | None:
    text = str(_raw().get("PROVINCE_INTAKE_DAY", "") or "").strip()
    if not text:
        return None
    try:
        month, day = (int(part) for part in text.split("-"))
    except ValueError:
        raise ImproperlyConfigured(
            f"ELIGIBILITY['PROVINCE_INTAKE_DAY'] = {text!r}: dùng dạng MM-DD, ví dụ 12-10."
        ) from None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ImproperlyConfigured(f"ELIGIBILITY['PROVINCE_INTAKE_DAY'] = {text!r} không hợp lệ.")
    return month, day


def intake_month() -> int | None:
    intake = _intake()
    return intake[0] if intake else None


def intake_day() -> int | None:
    intake = _intake()
    return intake[1] if intake else None
