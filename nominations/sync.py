"""Idempotent sync of reference data (award catalogue, role groups). Used by a data
migration and by `load_demo`; running it twice changes nothing."""

from __future__ import annotations

from decimal import Decimal


def sync_awards(Award) -> None:  # noqa: N803 - a model class (historical in migrations)
    from .catalogue import AWARDS

    for spec in AWARDS:
        Award.objects.update_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "kind": spec.kind,
                "nominee_kind": spec.nominee_kind,
                "deciding_level": spec.deciding_level,
                "ballot_threshold": spec.ballot_threshold,
                "cash_multiplier": Decimal(spec.cash_multiplier) if spec.cash_multiplier else None,
                "order": spec.order,
            },
            create_defaults={
                "name": spec.name,
                "kind": spec.kind,
                "nominee_kind": spec.nominee_kind,
                "deciding_level": spec.deciding_level,
                "via_bloc": spec.via_bloc,  # admin-editable afterwards: not overwritten
                "ballot_threshold": spec.ballot_threshold,
                "cash_multiplier": Decimal(spec.cash_multiplier) if spec.cash_multiplier else None,
                "order": spec.order,
            },
        )


def sync_role_groups(Group) -> None:  # noqa: N803
    from accounts.roles import ALL_ROLES

    for name in ALL_ROLES:
        Group.objects.get_or_create(name=name)
