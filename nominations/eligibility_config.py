"""The Django side of `EligibilityConfig`: the province's settings from the admin
(`EligibilitySettings`), else the default row, else settings.ELIGIBILITY.

    config_for(province_id)         -> EligibilityConfig   (one query)
    configs_for(province_ids)       -> {province_id: EligibilityConfig}  (one query)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from . import eligibility_defaults
from .eligibility import EligibilityConfig
from .models import EligibilitySettings


def settings_config() -> EligibilityConfig:
    """settings.ELIGIBILITY alone (no database)."""
    month, day = eligibility_defaults.intake_month(), eligibility_defaults.intake_day()
    return EligibilityConfig(
        one_use_initiatives=eligibility_defaults.one_use_initiatives(),
        giay_khen_min_rating=eligibility_defaults.giay_khen_min_rating() or None,
        intake_month_day=(month, day) if month and day else None,
    )


def config_from_row(row: EligibilitySettings) -> EligibilityConfig:
    return EligibilityConfig(
        one_use_initiatives=row.one_use_initiatives,
        giay_khen_min_rating=row.giay_khen_min_rating or None,
        intake_month_day=((row.intake_month, row.intake_day)
                          if row.intake_month and row.intake_day else None),
    )


def configs_for(province_ids: Iterable[int | None]) -> dict[int | None, EligibilityConfig]:
    """The config of each province (and of None: the default), in one query."""
    wanted = {pid for pid in province_ids if pid is not None}
    rows = {row.province_id: row for row in EligibilitySettings.objects.filter(
        Q(province__isnull=True) | Q(province_id__in=wanted))}
    default = config_from_row(rows[None]) if None in rows else settings_config()
    configs: dict[int | None, EligibilityConfig] = {None: default}
    for pid in wanted:
        configs[pid] = config_from_row(rows[pid]) if pid in rows else default
    return configs


def config_for(province_id: int | None = None) -> EligibilityConfig:
    return configs_for([province_id])[province_id]


def config_to_dict(config: EligibilityConfig) -> dict[str, Any]:
    """The config as JSON (part of the facts hash: a changed setting changes the verdict)."""
    return {
        "one_use_initiatives": config.one_use_initiatives,
        "giay_khen_min_rating": config.giay_khen_min_rating,
        "intake_month_day": list(config.intake_month_day) if config.intake_month_day else None,
    }
