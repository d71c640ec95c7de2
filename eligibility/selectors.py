"""Reads of the eligibility app: the province's `EligibilityConfig` from the admin
(`EligibilitySettings`), else the default row, else settings.ELIGIBILITY.

    config_for(province_id)         -> EligibilityConfig   (one query)
    configs_for(province_ids)       -> {province_id: EligibilityConfig}  (one query)
    settings_config()               -> EligibilityConfig   (settings alone, no query)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from . import defaults
from .engine import EligibilityConfig
from .models import EligibilitySettings


def settings_config() -> EligibilityConfig:
    """settings.ELIGIBILITY alone (no database)."""
    return EligibilityConfig(
        one_use_initiatives=defaults.one_use_initiatives(),
        giay_khen_min_rating=defaults.giay_khen_min_rating() or None,
    )


def config_from_row(row: EligibilitySettings) -> EligibilityConfig:
    return EligibilityConfig(
        one_use_initiatives=row.one_use_initiatives,
        giay_khen_min_rating=row.giay_khen_min_rating or None,
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
    }
