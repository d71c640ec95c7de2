"""Small helpers of the bloc tests."""

from __future__ import annotations

from django.apps import apps


def snapshot(*labels: str) -> dict[str, list[dict]]:
    """Every row of the given models ("blocs.ScoreLine", ...), to assert nothing changed."""
    return {label: list(apps.get_model(label).objects.order_by("pk").values())
            for label in labels}


BLOC_TABLES = ("blocs.Covenant", "blocs.Criterion", "blocs.Registration", "blocs.ScoreSheet",
               "blocs.ScoreLine", "blocs.VoteSession", "blocs.VoteItem", "blocs.VoteCast",
               "nominations.Nomination", "nominations.BlocMembership")
COUNCIL_TABLES = ("blocs.CouncilMeeting", "blocs.CouncilMember", "blocs.CouncilBallot",
                  "blocs.CouncilRecusal", "nominations.Nomination")
