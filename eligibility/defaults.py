"""The province-configurable eligibility pieces as read from `settings.ELIGIBILITY`
(environment variables). These are the defaults of a new `EligibilitySettings` row and
what applies when no row exists. No model imports here: models.py uses these as field
defaults.

    ELIGIBILITY = {
        "ONE_USE_INITIATIVES": True,     # GEN-ONE-USE
        "GIAY_KHEN_MODE": "manual",      # GIAY_KHEN: "manual", or a rating code ("HTT"),
                                         #   also written "min_rating:HTT"
    }

The province's intake date (DL-PROVINCE) is settings.PROVINCE_INTAKE_DAY, read by
`nominations.intake`: it is not an eligibility setting.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .engine.facts import RATINGS


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
