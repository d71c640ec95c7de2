"""Province-configurable pieces of the eligibility check (no Django: the Django side
builds an `EligibilityConfig` from settings or the admin and passes it to `check`)."""

from __future__ import annotations

from dataclasses import dataclass

from .facts import RATINGS


@dataclass(frozen=True, slots=True)
class EligibilityConfig:
    """`one_use_initiatives` (GEN-ONE-USE, default on): an initiative with `used_for` set
    does not count again.

    `giay_khen_min_rating` (GIAY_KHEN): the province's criterion for a Giấy khen. None
    (default) leaves the rule to a reviewer (result "manual"); a rating code (e.g. "HTT")
    passes a nominee rated at least that in the evaluation year.

    The province's intake date (DL-PROVINCE) is not part of a verdict and is not here: it
    is a setting of the province (`nominations.ProvinceSettings`).
    """

    one_use_initiatives: bool = True
    giay_khen_min_rating: str | None = None

    def __post_init__(self) -> None:
        if self.giay_khen_min_rating is not None and self.giay_khen_min_rating not in RATINGS:
            raise ValueError(
                f"giay_khen_min_rating phải là một trong {', '.join(RATINGS)} hoặc None, "
                f"không phải {self.giay_khen_min_rating!r}"
            )


DEFAULT_CONFIG = EligibilityConfig()
