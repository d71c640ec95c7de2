"""Reads of the bloc's year and the council ballot, with the visibility rules inside.

Who sees what:
- a unit user (unit_officer, unit_head, bloc_leader) sees the blocs its unit belongs to
  (in that year), never another bloc;
- province roles see every bloc and council meeting of their province;
- superusers see everything.
Who may act:
- open/close the bloc vote, manage the covenant, record tallies and suy tôn: a user with
  role bloc_leader whose unit leads or deputises that bloc that year;
- score and register targets: unit_officer/unit_head of a member unit;
- open/record/close a council meeting: council_secretary of the meeting's province.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.roles import (
    BLOC_LEADER,
    COUNCIL_SECRETARY,
    PROVINCE_ROLES,
    UNIT_HEAD,
    UNIT_OFFICER,
)
from nominations.choices import DossierStatus, NominationStatus
from nominations.models import Bloc, BlocMembership, Nomination, Unit
from nominations.selectors import blocs_led_by

from . import ranking
from .models import (
    CouncilBallot,
    CouncilMeeting,
    Covenant,
    Criterion,
    ScoreLine,
    ScoreSheet,
    VoteSession,
)

UNIT_SIDE_ROLES = frozenset({UNIT_OFFICER, UNIT_HEAD, BLOC_LEADER})
SCORING_ROLES = (UNIT_OFFICER, UNIT_HEAD)


def _roles(user) -> frozenset[str]:
    return user.role_names() if hasattr(user, "role_names") else frozenset()


# ---------------------------------------------------------------- blocs


def sees_whole_province(user) -> bool:
    """Province roles (and superusers) see every bloc and council meeting of the province."""
    return user.is_authenticated and (
        user.is_superuser or bool(user.province_id and _roles(user) & PROVINCE_ROLES))


def blocs_visible_to(user, year: int | None = None) -> QuerySet[Bloc]:
    """Blocs the user may look at (a unit sees only its own bloc(s))."""
    if not user.is_authenticated:
        return Bloc.objects.none()
    if user.is_superuser:
        return Bloc.objects.all()
    roles = _roles(user)
    q = Q(pk__in=[])
    if roles & PROVINCE_ROLES and user.province_id:
        q |= Q(province_id=user.province_id)
    if roles & UNIT_SIDE_ROLES and user.unit_id:
        memberships = BlocMembership.objects.filter(unit_id=user.unit_id, bloc_id=OuterRef("pk"))
        if year is not None:
            memberships = memberships.filter(year=year)
        q |= Q(Exists(memberships))
    return Bloc.objects.filter(q)


def bloc_years(bloc: Bloc) -> list[int]:
    return sorted(set(BlocMembership.objects.filter(bloc=bloc).values_list("year", flat=True)),
                  reverse=True)


def memberships(bloc: Bloc, year: int) -> QuerySet[BlocMembership]:
    return BlocMembership.objects.filter(bloc=bloc, year=year).select_related("unit")


def bloc_members(bloc: Bloc, year: int) -> QuerySet[Unit]:
    return Unit.objects.filter(bloc_memberships__bloc=bloc, bloc_memberships__year=year).order_by(
        "name")


def is_member(unit_id: int | None, bloc: Bloc, year: int) -> bool:
    if not unit_id:
        return False
    return BlocMembership.objects.filter(bloc=bloc, year=year, unit_id=unit_id).exists()


def can_manage_bloc(user, bloc: Bloc, year: int) -> bool:
    """Bloc leader (role) whose unit leads or deputises `bloc` in `year`."""
    return blocs_led_by(user, year).filter(pk=bloc.pk).exists()


def can_score(user, covenant: Covenant) -> bool:
    return (user.is_authenticated and user.has_role(*SCORING_ROLES)
            and is_member(user.unit_id, covenant.bloc, covenant.year))


# ---------------------------------------------------------------- covenant and scoring


def covenant_for(bloc: Bloc, year: int) -> Covenant | None:
    return Covenant.objects.filter(bloc=bloc, year=year).first()


def criteria_of(covenant: Covenant) -> list[Criterion]:
    return list(covenant.criteria.prefetch_related("eligible_units").order_by("order", "id"))


def criteria_for_unit(covenant: Covenant, unit_id: int,
                      criteria: list[Criterion] | None = None) -> list[Criterion]:
    """The criteria `unit_id` can earn (bonus criteria only if it is eligible); pass the
    covenant's `criteria` if already loaded."""
    return [c for c in (criteria if criteria is not None else criteria_of(covenant))
            if not c.is_bonus or any(u.pk == unit_id for u in c.eligible_units.all())]


def scoring_progress(covenant: Covenant) -> list[dict]:
    """For each member unit: which other members it has not scored yet (for the leader)."""
    members = list(bloc_members(covenant.bloc, covenant.year))
    done: dict[int, set[int]] = {}
    for scorer_id, scored_id in ScoreSheet.objects.filter(covenant=covenant).values_list(
            "scorer_id", "scored_id"):
        done.setdefault(scorer_id, set()).add(scored_id)
    rows = []
    for unit in members:
        missing = [m for m in members if m.pk != unit.pk and m.pk not in done.get(unit.pk, set())]
        rows.append({"unit": unit, "missing": missing, "done": len(members) - 1 - len(missing),
                     "complete": not missing})
    return rows


def units_not_done_scoring(covenant: Covenant) -> list[Unit]:
    return [row["unit"] for row in scoring_progress(covenant) if not row["complete"]]


def sheet_for(covenant: Covenant, scorer_id: int, scored_id: int) -> ScoreSheet | None:
    return (ScoreSheet.objects.filter(covenant=covenant, scorer_id=scorer_id, scored_id=scored_id)
            .prefetch_related("lines").first())


def covenant_ranking(covenant: Covenant) -> list[dict]:
    """The ranking of the members (raw and fair totals, ranks, ties), with Unit objects."""
    criteria = criteria_of(covenant)
    members = list(bloc_members(covenant.bloc, covenant.year))
    specs = [
        ranking.CriterionSpec(
            key=c.pk, max_points=c.max_points, weight=c.weight, is_bonus=c.is_bonus,
            eligible=frozenset(u.pk for u in c.eligible_units.all()),
        )
        for c in criteria
    ]
    entries = [
        ranking.ScoreEntry(scorer=scorer, scored=scored, criterion=crit, points=points)
        for scorer, scored, crit, points in ScoreLine.objects.filter(
            sheet__covenant=covenant).values_list(
            "sheet__scorer_id", "sheet__scored_id", "criterion_id", "points")
    ]
    by_id: dict[ranking.Key, Unit] = {u.pk: u for u in members}
    rows = ranking.rank_members(members=[u.pk for u in members], criteria=specs, scores=entries,
                                labels={u.pk: u.name for u in members})
    return [
        {"unit": by_id[r.member], "row": r,
         "per_criterion": [(c, r.per_criterion.get(c.pk)) for c in criteria]}
        for r in rows
    ]


# ---------------------------------------------------------------- the bloc vote


def session_nominations(bloc: Bloc, year: int) -> QuerySet[Nomination]:
    """The nominations the bloc votes on: active nominations, of dossiers of the bloc's member
    units for that year, whose award goes through the bloc (Award.via_bloc)."""
    member_units = BlocMembership.objects.filter(bloc=bloc, year=year).values("unit_id")
    return (
        Nomination.objects.filter(
            status=NominationStatus.ACTIVE,
            award__via_bloc=True,
            dossier__year=year,
            dossier__unit_id__in=member_units,
        )
        .select_related("dossier", "dossier__unit", "award", "person", "collective")
        .order_by("award__order", "dossier__unit__name", "id")
    )


def vote_session_for(bloc: Bloc, year: int) -> VoteSession | None:
    return VoteSession.objects.filter(bloc=bloc, year=year).first()


def vote_sessions_visible_to(user) -> QuerySet[VoteSession]:
    """A session is visible to who may see its bloc in the session's year."""
    if not user.is_authenticated:
        return VoteSession.objects.none()
    if user.is_superuser:
        return VoteSession.objects.all()
    roles = _roles(user)
    q = Q(pk__in=[])
    if roles & PROVINCE_ROLES and user.province_id:
        q |= Q(bloc__province_id=user.province_id)
    if roles & UNIT_SIDE_ROLES and user.unit_id:
        q |= Q(Exists(BlocMembership.objects.filter(
            unit_id=user.unit_id, bloc_id=OuterRef("bloc_id"), year=OuterRef("year"))))
    return VoteSession.objects.filter(q).select_related("bloc")


def session_rows(session: VoteSession) -> list[dict]:
    """Rows for the session page: every nomination in the session with its counts."""
    items = {i.nomination_id: i for i in session.items.all()}
    if session.is_closed:
        nominations = [i.nomination for i in session.items.select_related(
            "nomination__dossier__unit", "nomination__award", "nomination__person",
            "nomination__collective").order_by("nomination__award__order", "nomination_id")]
    else:
        nominations = list(session_nominations(session.bloc, session.year))
    return [{"nomination": n, "item": items.get(n.pk)} for n in nominations]


def has_unit_voted(session: VoteSession, unit_id: int | None) -> bool:
    if not unit_id:
        return False
    return session.casts.filter(unit_id=unit_id).exists()


def can_cast_ballot(user, session: VoteSession) -> bool:
    return (user.is_authenticated and user.has_role(UNIT_HEAD, UNIT_OFFICER)
            and is_member(user.unit_id, session.bloc, session.year))


# ---------------------------------------------------------------- the council


def council_meetings_visible_to(user) -> QuerySet[CouncilMeeting]:
    if not user.is_authenticated:
        return CouncilMeeting.objects.none()
    if user.is_superuser:
        return CouncilMeeting.objects.all()
    if _roles(user) & PROVINCE_ROLES and user.province_id:
        return CouncilMeeting.objects.filter(province_id=user.province_id)
    return CouncilMeeting.objects.none()


def can_manage_council(user, province_id: int | None) -> bool:
    return (user.is_authenticated and user.has_role(COUNCIL_SECRETARY)
            and bool(province_id) and user.province_id == province_id)


def nominations_needing_ballot(province_id: int, *, at_council_review: bool = True
                               ) -> QuerySet[Nomination]:
    """Active nominations of the province whose award needs a council ballot (VOTE-80/90)."""
    qs = Nomination.objects.filter(
        status=NominationStatus.ACTIVE,
        award__ballot_threshold__gt=0,
        dossier__unit__province_id=province_id,
    )
    if at_council_review:
        qs = qs.filter(dossier__status=DossierStatus.COUNCIL_REVIEW)
    return qs.select_related("dossier", "dossier__unit", "award", "person", "collective").order_by(
        "award__order", "dossier__unit__name", "id")


def meeting_ballots(meeting: CouncilMeeting) -> QuerySet[CouncilBallot]:
    return meeting.ballots.select_related(
        "nomination", "nomination__award", "nomination__dossier__unit", "nomination__person",
        "nomination__collective").prefetch_related("recusals__member")
