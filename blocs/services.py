"""Writes of the bloc's year and the council ballot. Keyword-only, type-annotated, atomic.

Every service checks the acting user's right itself, validates everything before it writes
(a refused input raises ValidationError with a Vietnamese message and saves nothing), and
announces results through blocs.signals after commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import COUNCIL_MEMBER, COUNCIL_SECRETARY
from nominations.choices import BlocRole
from nominations.models import Bloc, BlocMembership, Nomination, Province, Unit
from nominations.services import record_event
from nominations.validation import LONG_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH, check_length

from . import documents, ranking, selectors, signals
from .models import (
    BlocResult,
    CouncilBallot,
    CouncilMeeting,
    CouncilMember,
    CouncilRecusal,
    CouncilResult,
    Covenant,
    Criterion,
    Registration,
    ScoreLine,
    ScoreSheet,
    SessionStatus,
    VoteCast,
    VoteItem,
    VoteSession,
)

# Awards of which a bloc proposes at most one per year (CO_TINH-1, one flag per bloc).
ONE_PER_BLOC_AWARDS = frozenset({"CO_TINH"})


# ---------------------------------------------------------------- helpers


def _require_leader(user, bloc: Bloc, year: int) -> None:
    if not selectors.can_manage_bloc(user, bloc, year):
        raise PermissionDenied(
            _("Chỉ Khối trưởng / Khối phó của “%(bloc)s” năm %(year)s mới được thực hiện "
              "việc này.") % {"bloc": bloc.name, "year": year})


def _require_secretary(user, province_id: int) -> None:
    if not selectors.can_manage_council(user, province_id):
        raise PermissionDenied(
            _("Chỉ Thư ký Hội đồng Thi đua – Khen thưởng của tỉnh mới được thực hiện việc này."))


def _count(value, label: str) -> int:
    """A vote count: a whole number, not negative."""
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            _("Số phiếu “%(label)s” phải là số nguyên.") % {"label": label}) from exc
    if isinstance(value, float) and value != number:
        raise ValidationError(_("Số phiếu “%(label)s” phải là số nguyên.") % {"label": label})
    if number < 0:
        raise ValidationError(
            _("Số phiếu “%(label)s” không được âm (đã nhập %(n)s).")
            % {"label": label, "n": number})
    return number


def _points(value, criterion: Criterion) -> Decimal:
    try:
        points = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(
            _("Điểm của tiêu chí “%(c)s” không hợp lệ.") % {"c": criterion.name}) from exc
    if not points.is_finite():
        raise ValidationError(_("Điểm của tiêu chí “%(c)s” không hợp lệ.") % {"c": criterion.name})
    if points < 0:
        raise ValidationError(
            _("Điểm của tiêu chí “%(c)s” không được âm.") % {"c": criterion.name})
    if points > criterion.max_points:
        raise ValidationError(
            _("Điểm của tiêu chí “%(c)s” (%(p)s) vượt quá điểm tối đa %(max)s.")
            % {"c": criterion.name, "p": points, "max": criterion.max_points})
    if points != points.quantize(Decimal("0.01")):
        raise ValidationError(
            _("Điểm của tiêu chí “%(c)s” chỉ được lấy tối đa 2 chữ số thập phân.")
            % {"c": criterion.name})
    return points


def _locked_session(session: VoteSession) -> VoteSession:
    session = VoteSession.objects.select_for_update().select_related("bloc").get(pk=session.pk)
    if session.is_closed:
        raise ValidationError(_("Phiên bình xét đã kết thúc, không thể sửa."))
    return session


def _vote_closed(bloc: Bloc, year: int) -> bool:
    return VoteSession.objects.filter(bloc=bloc, year=year, status=SessionStatus.CLOSED).exists()


# ---------------------------------------------------------------- covenant and criteria


@transaction.atomic
def create_covenant(
    *, user, bloc: Bloc, year: int, title: str, signed_on: date | None = None, content: str = ""
) -> Covenant:
    _require_leader(user, bloc, year)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Vui lòng nhập tên giao ước thi đua.")})
    content = check_length(content, limit=LONG_TEXT_MAX_LENGTH, field="content",
                           label=_("Nội dung giao ước"))
    if Covenant.objects.filter(bloc=bloc, year=year).exists():
        raise ValidationError(_("Khối đã có giao ước thi đua năm %(year)s.") % {"year": year})
    return Covenant.objects.create(bloc=bloc, year=year, title=title, signed_on=signed_on,
                                   content=content, created_by=user)


@transaction.atomic
def add_criterion(
    *,
    user,
    covenant: Covenant,
    code: str,
    name: str,
    max_points: Decimal | int | str,
    weight: Decimal | int | str = 1,
    is_bonus: bool = False,
    eligible_units: Iterable[Unit] = (),
    order: int | None = None,
) -> Criterion:
    """Add a criterion. For a bonus criterion, `eligible_units` are the members that can earn
    it. Criteria are fixed once any member has scored."""
    covenant = Covenant.objects.select_for_update().select_related("bloc").get(pk=covenant.pk)
    _require_leader(user, covenant.bloc, covenant.year)
    if covenant.score_sheets.exists():
        raise ValidationError(_("Đã có đơn vị chấm điểm, không thể thay đổi bộ tiêu chí."))
    code, name = (code or "").strip(), (name or "").strip()
    if not code or not name:
        raise ValidationError(_("Vui lòng nhập mã và tên tiêu chí."))
    if covenant.criteria.filter(code=code).exists():
        raise ValidationError(_("Mã tiêu chí “%(code)s” đã có.") % {"code": code})
    try:
        max_points, weight = Decimal(str(max_points)), Decimal(str(weight))
    except InvalidOperation as exc:
        raise ValidationError(_("Điểm tối đa và hệ số phải là số.")) from exc
    if max_points <= 0 or weight <= 0:
        raise ValidationError(_("Điểm tối đa và hệ số phải lớn hơn 0."))
    units = list(eligible_units)
    if units and not is_bonus:
        raise ValidationError(_("Chỉ tiêu chí điểm thưởng mới giới hạn đơn vị được xét."))
    _check_members(units, covenant)
    if order is None:
        order = covenant.criteria.count() + 1
    criterion = Criterion.objects.create(covenant=covenant, code=code, name=name,
                                         max_points=max_points, weight=weight,
                                         is_bonus=is_bonus, order=order)
    criterion.eligible_units.set(units)
    return criterion


def _check_members(units: Sequence[Unit], covenant: Covenant) -> None:
    member_ids = set(BlocMembership.objects.filter(
        bloc=covenant.bloc, year=covenant.year).values_list("unit_id", flat=True))
    outsiders = [u.name for u in units if u.pk not in member_ids]
    if outsiders:
        raise ValidationError(_("Không phải thành viên của Khối năm %(year)s: %(units)s.")
                              % {"year": covenant.year, "units": ", ".join(outsiders)})


@transaction.atomic
def set_bonus_eligibility(*, user, criterion: Criterion, units: Iterable[Unit]) -> Criterion:
    criterion = Criterion.objects.select_for_update().select_related("covenant__bloc").get(
        pk=criterion.pk)
    covenant = criterion.covenant
    _require_leader(user, covenant.bloc, covenant.year)
    if not criterion.is_bonus:
        raise ValidationError(_("Chỉ tiêu chí điểm thưởng mới giới hạn đơn vị được xét."))
    if covenant.score_sheets.exists():
        raise ValidationError(_("Đã có đơn vị chấm điểm, không thể thay đổi bộ tiêu chí."))
    units = list(units)
    _check_members(units, covenant)
    criterion.eligible_units.set(units)
    return criterion


@transaction.atomic
def register_targets(*, user, covenant: Covenant, targets: str) -> Registration:
    """Đăng ký thi đua: the user's unit registers (or updates) its targets for the year."""
    if not selectors.can_score(user, covenant):
        raise PermissionDenied(
            _("Chỉ cán bộ TĐKT hoặc thủ trưởng của đơn vị thành viên mới được đăng ký thi đua."))
    targets = check_length(targets, limit=LONG_TEXT_MAX_LENGTH, field="targets",
                           label=_("Chỉ tiêu đăng ký thi đua")).strip()
    if not targets:
        raise ValidationError({"targets": _("Vui lòng nhập các chỉ tiêu đăng ký thi đua.")})
    if _vote_closed(covenant.bloc, covenant.year):
        raise ValidationError(_("Khối đã bình xét năm %(year)s, không thể sửa đăng ký.")
                              % {"year": covenant.year})
    registration, _created = Registration.objects.update_or_create(
        covenant=covenant, unit_id=user.unit_id,
        defaults={"targets": targets, "registered_by": user})
    return registration


# ---------------------------------------------------------------- cross-scoring


@transaction.atomic
def submit_scores(
    *, user, covenant: Covenant, scored_unit: Unit, points: Mapping[int, Decimal | int | str]
) -> ScoreSheet:
    """The user's unit scores `scored_unit` on every criterion it can earn (replacing an
    earlier sheet). `points` maps criterion id -> points; a bonus criterion the scored unit
    cannot earn must be left out (or 0)."""
    covenant = Covenant.objects.select_for_update().select_related("bloc").get(pk=covenant.pk)
    if not selectors.can_score(user, covenant):
        raise PermissionDenied(
            _("Chỉ cán bộ TĐKT hoặc thủ trưởng của đơn vị thành viên mới được chấm điểm."))
    if _vote_closed(covenant.bloc, covenant.year):
        raise ValidationError(_("Phiên bình xét năm %(year)s đã kết thúc, không thể sửa điểm.")
                              % {"year": covenant.year})
    if scored_unit.pk == user.unit_id:
        raise ValidationError(_("Đơn vị không tự chấm điểm cho chính mình."))
    if not selectors.is_member(scored_unit.pk, covenant.bloc, covenant.year):
        raise ValidationError(_("“%(unit)s” không phải thành viên của Khối năm %(year)s.")
                              % {"unit": scored_unit.name, "year": covenant.year})
    criteria = selectors.criteria_of(covenant)
    if not criteria:
        raise ValidationError(_("Giao ước chưa có tiêu chí chấm điểm."))
    known = {c.pk for c in criteria}
    unknown = [k for k in points if int(k) not in known]
    if unknown:
        raise ValidationError(_("Tiêu chí không thuộc giao ước này."))
    given = {int(k): v for k, v in points.items() if v not in (None, "")}
    earnable = {c.pk for c in selectors.criteria_for_unit(covenant, scored_unit.pk, criteria)}
    lines: list[tuple[Criterion, Decimal]] = []
    for criterion in criteria:
        if criterion.pk not in earnable:
            if criterion.pk in given and _points(given[criterion.pk], criterion) != 0:
                raise ValidationError(
                    _("“%(unit)s” không thuộc diện được cộng điểm thưởng “%(c)s”.")
                    % {"unit": scored_unit.name, "c": criterion.name})
            continue
        if criterion.pk not in given:
            raise ValidationError(_("Chưa nhập điểm tiêu chí “%(c)s”.") % {"c": criterion.name})
        lines.append((criterion, _points(given[criterion.pk], criterion)))
    sheet, _created = ScoreSheet.objects.update_or_create(
        covenant=covenant, scorer_id=user.unit_id, scored=scored_unit,
        defaults={"submitted_by": user})
    sheet.lines.all().delete()
    ScoreLine.objects.bulk_create(
        [ScoreLine(sheet=sheet, criterion=c, points=p) for c, p in lines])
    return sheet


# ---------------------------------------------------------------- the bloc vote


@transaction.atomic
def open_vote_session(
    *, user, bloc: Bloc, year: int, held_on: date, place: str = ""
) -> VoteSession:
    _require_leader(user, bloc, year)
    if VoteSession.objects.filter(bloc=bloc, year=year).exists():
        raise ValidationError(_("Khối đã có phiên bình xét năm %(year)s.") % {"year": year})
    members = BlocMembership.objects.filter(bloc=bloc, year=year).count()
    if members == 0:
        raise ValidationError(_("Khối chưa có đơn vị thành viên năm %(year)s.") % {"year": year})
    session = VoteSession.objects.create(bloc=bloc, year=year, held_on=held_on,
                                         place=place or "", members_count=members,
                                         opened_by=user)
    VoteItem.objects.bulk_create(
        [VoteItem(session=session, nomination=n)
         for n in selectors.session_nominations(bloc, year)])
    return session


def _items_for(session: VoteSession, nomination_ids: Iterable[int]) -> dict[int, VoteItem]:
    """Items for these nominations (locked), created for nominations added since opening;
    refuses nominations that are not in the session."""
    wanted = {int(n) for n in nomination_ids}
    in_session = {n.pk: n for n in selectors.session_nominations(session.bloc, session.year)
                  .filter(pk__in=wanted)}
    outside = wanted - set(in_session)
    if outside:
        raise ValidationError(_("Đề nghị không thuộc phiên bình xét này (mã %(ids)s).")
                              % {"ids": ", ".join(str(i) for i in sorted(outside))})
    items = {i.nomination_id: i for i in VoteItem.objects.select_for_update().filter(
        session=session, nomination_id__in=wanted)}
    for nid, nomination in in_session.items():
        if nid not in items:
            items[nid] = VoteItem.objects.create(session=session, nomination=nomination)
    return items


def _check_totals(session: VoteSession, items: Iterable[VoteItem], voters: int) -> None:
    for item in items:
        total = item.agree + item.disagree
        label = str(item.nomination)
        if total > session.members_count:
            raise ValidationError(
                _("Tổng số phiếu của đề nghị “%(n)s” (%(total)s) vượt quá số đơn vị thành viên "
                  "của Khối (%(members)s).")
                % {"n": label, "total": total, "members": session.members_count})
        if total > voters:
            raise ValidationError(
                _("Tổng số phiếu của đề nghị “%(n)s” (%(total)s) vượt quá số đơn vị đã bỏ "
                  "phiếu (%(voters)s).") % {"n": label, "total": total, "voters": voters})


@transaction.atomic
def cast_ballot(*, user, session: VoteSession, choices: Mapping[int, bool]) -> VoteCast:
    """The secret ballot of the user's unit: agree (True) / disagree (False) per nomination
    (a nomination left out is an abstention). Only the counts change; the record keeps THAT
    the unit voted, so it cannot vote twice."""
    session = _locked_session(session)
    if not selectors.can_cast_ballot(user, session):
        raise PermissionDenied(
            _("Chỉ cán bộ TĐKT hoặc thủ trưởng của đơn vị thành viên mới được bỏ phiếu."))
    if session.casts.filter(unit_id=user.unit_id).exists():
        raise ValidationError(_("Đơn vị của bạn đã bỏ phiếu trong phiên này."))
    if not choices:
        raise ValidationError(_("Phiếu bầu chưa có biểu quyết nào."))
    items = _items_for(session, choices.keys())
    for nid, agree in choices.items():
        if not isinstance(agree, bool):
            raise ValidationError(_("Biểu quyết chỉ nhận “đồng ý” hoặc “không đồng ý”."))
        item = items[int(nid)]
        if agree:
            item.agree += 1
        else:
            item.disagree += 1
    cast = VoteCast.objects.create(session=session, unit_id=user.unit_id, recorded_by=user)
    _check_totals(session, items.values(), session.casts.count())
    for item in items.values():
        item.save(update_fields=["agree", "disagree"])
    return cast


@transaction.atomic
def record_tally(
    *,
    user,
    session: VoteSession,
    voted_units: Sequence[Unit],
    counts: Mapping[int, tuple[int, int]],
) -> VoteSession:
    """Paper ballots counted at the conference (kiểm phiếu): the leader records which member
    units handed in a ballot and adds the counted (agree, disagree) per nomination."""
    session = _locked_session(session)
    _require_leader(user, session.bloc, session.year)
    checked: dict[int, tuple[int, int]] = {}
    for nid, pair in counts.items():
        try:
            agree, disagree = pair
        except (TypeError, ValueError) as exc:
            raise ValidationError(_("Số phiếu không hợp lệ.")) from exc
        checked[int(nid)] = (_count(agree, _("đồng ý")), _count(disagree, _("không đồng ý")))
    unit_ids = [u.pk for u in voted_units]
    if len(set(unit_ids)) != len(unit_ids):
        raise ValidationError(_("Một đơn vị được ghi nhận bỏ phiếu hai lần."))
    outsiders = [u.name for u in voted_units
                 if not selectors.is_member(u.pk, session.bloc, session.year)]
    if outsiders:
        raise ValidationError(_("Không phải thành viên của Khối: %(units)s.")
                              % {"units": ", ".join(outsiders)})
    already = list(session.casts.filter(unit_id__in=unit_ids).values_list("unit__name", flat=True))
    if already:
        raise ValidationError(_("Đơn vị đã bỏ phiếu trong phiên này: %(units)s.")
                              % {"units": ", ".join(already)})
    items = _items_for(session, checked.keys())
    for nid, (agree, disagree) in checked.items():
        items[nid].agree += agree
        items[nid].disagree += disagree
    voters = session.casts.count() + len(unit_ids)
    _check_totals(session, items.values(), voters)
    VoteCast.objects.bulk_create(
        [VoteCast(session=session, unit_id=uid, recorded_by=user) for uid in unit_ids])
    for item in items.values():
        item.save(update_fields=["agree", "disagree"])
    return session


@transaction.atomic
def elect_leadership(*, user, session: VoteSession, leader: Unit, deputy: Unit) -> VoteSession:
    """Suy tôn: the bloc's leader and deputy units for next year (applied when the session
    closes)."""
    session = _locked_session(session)
    _require_leader(user, session.bloc, session.year)
    if leader.pk == deputy.pk:
        raise ValidationError(_("Khối trưởng và Khối phó phải là hai đơn vị khác nhau."))
    for unit in (leader, deputy):
        if not selectors.is_member(unit.pk, session.bloc, session.year):
            raise ValidationError(_("“%(unit)s” không phải thành viên của Khối năm %(year)s.")
                                  % {"unit": unit.name, "year": session.year})
    session.next_leader, session.next_deputy = leader, deputy
    session.save(update_fields=["next_leader", "next_deputy"])
    return session


def _apply_leadership(session: VoteSession) -> None:
    """Write next year's memberships: every current member gets one if missing; the elected
    units become leader and deputy (previous holders in that year become members)."""
    next_year = session.year + 1
    bloc = session.bloc
    current = list(BlocMembership.objects.filter(bloc=bloc, year=session.year)
                   .values_list("unit_id", flat=True))
    taken = dict(BlocMembership.objects.filter(unit_id__in=current, year=next_year)
                 .values_list("unit_id", "bloc_id"))
    leader, deputy = session.next_leader, session.next_deputy
    assert leader is not None and deputy is not None  # close_vote_session checks both are set
    for unit in (leader, deputy):
        if taken.get(unit.pk, bloc.pk) != bloc.pk:
            raise ValidationError(
                _("“%(unit)s” đã thuộc khối khác năm %(year)s, không thể suy tôn.")
                % {"unit": unit.name, "year": next_year})
    BlocMembership.objects.bulk_create(
        [BlocMembership(bloc=bloc, unit_id=uid, year=next_year, role=BlocRole.MEMBER)
         for uid in current if uid not in taken])
    elected = {leader.pk: BlocRole.LEADER, deputy.pk: BlocRole.DEPUTY}
    (BlocMembership.objects.filter(bloc=bloc, year=next_year,
                                   role__in=(BlocRole.LEADER, BlocRole.DEPUTY))
     .exclude(unit_id__in=list(elected)).update(role=BlocRole.MEMBER))
    # two steps so the one-leader / one-deputy constraints never see two holders at once
    BlocMembership.objects.filter(bloc=bloc, year=next_year, unit_id__in=list(elected)).update(
        role=BlocRole.MEMBER)
    for uid, role in elected.items():
        BlocMembership.objects.filter(bloc=bloc, year=next_year, unit_id=uid).update(role=role)


def _fair_totals(bloc: Bloc, year: int) -> dict[int, Fraction]:
    covenant = selectors.covenant_for(bloc, year)
    if covenant is None:
        return {}
    return {r["unit"].pk: r["row"].fair_exact for r in selectors.covenant_ranking(covenant)}


def _decide(
    session: VoteSession, items: list[VoteItem], flag_nomination: Nomination | None
) -> None:
    """Set result and reason on each item: majority of all members, then CO_TINH-1."""
    members = session.members_count
    for item in items:
        if ranking.majority(item.agree, members):
            item.result, item.reason = BlocResult.APPROVED, ""
        else:
            item.result = BlocResult.REJECTED
            item.reason = _(
                "Không đạt quá bán: %(agree)s/%(members)s đơn vị thành viên đồng ý."
            ) % {"agree": item.agree, "members": members}
    fair = None
    for code in ONE_PER_BLOC_AWARDS:
        contenders = [i for i in items
                      if i.nomination.award.code == code and i.result == BlocResult.APPROVED]
        if len(contenders) <= 1:
            continue
        top_votes = max(i.agree for i in contenders)
        best = [i for i in contenders if i.agree == top_votes]
        if len(best) > 1:
            fair = _fair_totals(session.bloc, session.year) if fair is None else fair
            top_fair = max(fair.get(i.nomination.dossier.unit_id, -1) for i in best)
            best = [i for i in best if fair.get(i.nomination.dossier.unit_id, -1) == top_fair]
        if len(best) > 1:
            chosen = [i for i in best if flag_nomination and i.nomination_id == flag_nomination.pk]
            if not chosen:
                raise ValidationError(
                    _("Các đề nghị “%(award)s” sau ngang số phiếu và ngang điểm chấm chéo: "
                      "%(units)s. Mỗi Khối chỉ đề nghị một (Luật TĐKT 2022, Điều 26 khoản 1): "
                      "Khối cần biểu quyết chọn một đơn vị rồi kết thúc phiên với lựa chọn đó.")
                    % {"award": best[0].nomination.award.name,
                       "units": ", ".join(str(i.nomination.dossier.unit) for i in best)})
            best = chosen
        winner = best[0]
        for item in contenders:
            if item is not winner:
                item.result = BlocResult.REJECTED
                item.reason = _(
                    "Mỗi Khối chỉ đề nghị một “%(award)s” mỗi năm (Luật TĐKT 2022, Điều 26 "
                    "khoản 1); Khối đề nghị %(winner)s (%(agree)s phiếu đồng ý).") % {
                    "award": winner.nomination.award.name,
                    "winner": winner.nomination.dossier.unit, "agree": winner.agree}


@transaction.atomic
def close_vote_session(
    *, user, session: VoteSession, flag_nomination: Nomination | None = None
) -> dict[int, str]:
    """Close the bloc vote: decide every nomination of the session, write
    Nomination.bloc_result, apply the suy tôn to next year's memberships, generate the
    minutes, and (after commit) send `bloc_vote_closed` so waiting dossiers are released.

    `flag_nomination` settles a tie between CO_TINH candidates (equal votes and equal fair
    score) when the conference has chosen among them. Returns {nomination id: result}."""
    session = _locked_session(session)
    _require_leader(user, session.bloc, session.year)
    nominations = list(selectors.session_nominations(session.bloc, session.year))
    items = _items_for(session, [n.pk for n in nominations]) if nominations else {}
    live = [items[n.pk] for n in nominations]
    for item, nomination in zip(live, nominations, strict=True):
        item.nomination = nomination
    _decide(session, live, flag_nomination)
    stale = session.items.exclude(nomination_id__in=[n.pk for n in nominations])
    stale.update(result="", reason=_("Đề nghị không còn được xét (đã rút hoặc đã bị loại)."))
    for item in live:
        item.save(update_fields=["result", "reason"])
    results = {i.nomination_id: i.result for i in live}
    reasons = {i.nomination_id: i.reason for i in live if i.result == BlocResult.REJECTED}
    for value in (BlocResult.APPROVED, BlocResult.REJECTED):
        Nomination.objects.filter(
            pk__in=[k for k, v in results.items() if v == value]).update(bloc_result=value)
    if session.next_leader_id and session.next_deputy_id:
        _apply_leadership(session)
    by_dossier: dict[int, list[VoteItem]] = {}
    for item in live:
        by_dossier.setdefault(item.nomination.dossier_id, []).append(item)
    for dossier_items in by_dossier.values():
        dossier = dossier_items[0].nomination.dossier
        record_event(
            dossier=dossier, action="bloc_vote_closed", actor=user, step="bloc_vote",
            data={"session_id": session.pk,
                  "results": {str(i.nomination_id): i.result for i in dossier_items}})
    session.status = SessionStatus.CLOSED
    session.closed_by = user
    session.closed_at = timezone.now()
    session.minutes_docx = documents.bloc_minutes_docx(
        session=session, items=live, ranking_rows=_ranking_rows(session))
    session.save(update_fields=["status", "closed_by", "closed_at", "minutes_docx"])
    payload = {"bloc_id": session.bloc_id, "year": session.year, "session_id": session.pk,
               "results": dict(results), "reasons": dict(reasons)}
    transaction.on_commit(lambda: signals.bloc_vote_closed.send(sender=VoteSession, **payload))
    return results


def _ranking_rows(session: VoteSession) -> list[dict]:
    covenant = selectors.covenant_for(session.bloc, session.year)
    return selectors.covenant_ranking(covenant) if covenant else []


# ---------------------------------------------------------------- the council ballot


@transaction.atomic
def open_council_meeting(
    *,
    user,
    province: Province,
    held_on: date,
    title: str,
    member_users: Iterable = (),
    member_names: Iterable[str] = (),
) -> CouncilMeeting:
    """Open a council meeting with its member list: users holding a council role in the
    province, and/or a free list of names (one member each)."""
    _require_secretary(user, province.pk)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Vui lòng nhập nội dung cuộc họp.")})
    users = list(dict.fromkeys(member_users))
    for member in users:
        if member.province_id != province.pk or not member.has_role(COUNCIL_MEMBER,
                                                                    COUNCIL_SECRETARY):
            raise ValidationError(_("“%(user)s” không phải thành viên Hội đồng TĐKT của tỉnh.")
                                  % {"user": member})
    name_limit = CouncilMember._meta.get_field("name").max_length
    assert name_limit is not None  # a CharField's
    names = [check_length(n.strip(), limit=name_limit,
                          field="member_names", label=_("Tên thành viên “%(name)s…”")
                          % {"name": n.strip()[:30]})
             for n in member_names if n and n.strip()]
    if not users and not names:
        raise ValidationError(_("Cuộc họp phải có danh sách thành viên Hội đồng."))
    meeting = CouncilMeeting.objects.create(province=province, held_on=held_on, title=title,
                                            opened_by=user)
    CouncilMember.objects.bulk_create(
        [CouncilMember(meeting=meeting, user=u, name=str(u), position=u.position or "")
         for u in users]
        + [CouncilMember(meeting=meeting, name=n) for n in names])
    return meeting


def _locked_meeting(meeting: CouncilMeeting) -> CouncilMeeting:
    meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_closed:
        raise ValidationError(_("Cuộc họp Hội đồng đã kết thúc, không thể sửa."))
    return meeting


@transaction.atomic
def record_council_ballot(
    *,
    user,
    meeting: CouncilMeeting,
    nomination: Nomination,
    votes_for: int,
    votes_against: int,
    written_votes: int = 0,
    recusals: Mapping[int, str] | None = None,
) -> CouncilBallot:
    """Record (or correct, while the meeting is open) the ballot on one nomination.

    votes_for / votes_against include the written votes of absent members (their number in
    `written_votes`); `recusals` maps council member id -> reason. The threshold counts ALL
    members of the meeting; recused members stay in the denominator (docs/blocs-scoring.md)."""
    meeting = _locked_meeting(meeting)
    _require_secretary(user, meeting.province_id)
    nomination = Nomination.objects.select_related("award", "dossier__unit").get(pk=nomination.pk)
    threshold = nomination.award.ballot_threshold
    if threshold <= 0:
        raise ValidationError(_("“%(award)s” không cần bỏ phiếu tại Hội đồng (chỉ cần biên bản).")
                              % {"award": nomination.award.name})
    if nomination.dossier.unit.province_id != meeting.province_id:
        raise ValidationError(_("Đề nghị không thuộc tỉnh của Hội đồng."))
    if nomination.status != "active":
        raise ValidationError(_("Đề nghị không còn đang xét."))
    votes_for = _count(votes_for, _("đồng ý"))
    votes_against = _count(votes_against, _("không đồng ý"))
    written_votes = _count(written_votes, _("bằng văn bản"))
    members = {m.pk: m for m in meeting.members.all()}
    recusals = {int(k): check_length(v, limit=TEXT_MAX_LENGTH,
                                     label=_("Lý do không tham gia biểu quyết")).strip()
                for k, v in (recusals or {}).items()}
    for member_id, reason in recusals.items():
        if member_id not in members:
            raise ValidationError(_("Người không tham gia biểu quyết không phải thành viên của "
                                    "cuộc họp."))
        if not reason:
            raise ValidationError(_("Vui lòng ghi lý do %(name)s không tham gia biểu quyết.")
                                  % {"name": members[member_id].name})
    total = votes_for + votes_against + len(recusals)
    if total > len(members):
        raise ValidationError(
            _("Tổng số phiếu đồng ý, không đồng ý và số thành viên không tham gia biểu quyết "
              "(%(total)s) vượt quá số thành viên Hội đồng (%(members)s).")
            % {"total": total, "members": len(members)})
    if written_votes > votes_for + votes_against:
        raise ValidationError(_("Số phiếu bằng văn bản (%(w)s) vượt quá tổng số phiếu (%(t)s).")
                              % {"w": written_votes, "t": votes_for + votes_against})
    passed = ranking.meets_threshold(votes_for, len(members), threshold)
    ballot, _created = CouncilBallot.objects.update_or_create(
        meeting=meeting, nomination=nomination,
        defaults={"threshold": threshold, "members_count": len(members), "votes_for": votes_for,
                  "votes_against": votes_against, "written_votes": written_votes,
                  "result": CouncilResult.PASSED if passed else CouncilResult.FAILED,
                  "recorded_by": user})
    ballot.recusals.all().delete()
    CouncilRecusal.objects.bulk_create(
        [CouncilRecusal(ballot=ballot, member_id=mid, reason=r) for mid, r in recusals.items()])
    return ballot


@transaction.atomic
def close_council_meeting(*, user, meeting: CouncilMeeting) -> dict[int, str]:
    """Close the meeting: write each ballot's result on its nomination
    (`Nomination.council_result`, the one place it is written: the council step pre-fills
    from it) with one `council_ballot` event each, and generate the minutes. Returns
    {nomination id: "passed" | "failed"}."""
    meeting = _locked_meeting(meeting)
    _require_secretary(user, meeting.province_id)
    ballots = list(selectors.meeting_ballots(meeting))
    results = {b.nomination_id: b.result for b in ballots}
    now = timezone.now()
    for value in (CouncilResult.PASSED, CouncilResult.FAILED):
        Nomination.objects.filter(
            pk__in=[k for k, v in results.items() if v == value]).update(
            council_result=value, updated_at=now)
    for ballot in ballots:
        record_event(dossier=ballot.nomination.dossier, nomination=ballot.nomination,
                     action="council_ballot", actor=user, step="council_review",
                     data={"meeting_id": meeting.pk, "result": ballot.result,
                           "votes_for": ballot.votes_for, "members": ballot.members_count,
                           "threshold": ballot.threshold})
    meeting.status = SessionStatus.CLOSED
    meeting.closed_by = user
    meeting.closed_at = now
    meeting.minutes_docx = documents.council_minutes_docx(
        meeting=meeting, members=list(meeting.members.all()), ballots=ballots)
    meeting.save(update_fields=["status", "closed_by", "closed_at", "minutes_docx"])
    return results
