"""The JSON contract of ELIGIBILITY-CONTRACT.md: JSON-like data in, Case objects out
(with validation that names the offending field), and verdicts back to JSON-like data.

`parse_case` / `parse_cases` read the JSON shape (objects, types, required fields, dates,
no unknown keys), build the facts, then run `validate_case`, which checks the meaning
(codes, ranges, duplicates, award against nominee kind, the rule set for `as_of`). The
Django side may call `validate_case` on facts it builds itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Literal, TypeVar, overload

from .config import DEFAULT_CONFIG, EligibilityConfig
from .facts import (
    AWARD_KINDS,
    AWARDS,
    BASES,
    COLLECTIVE,
    CONG_TRANG,
    DISCIPLINE_FORMS,
    INITIATIVE_KINDS,
    KINDS,
    RATINGS,
    SCOPES,
    TITLES,
    Case,
    CaseError,
    Discipline,
    Initiative,
    MemberFigures,
    Nominee,
    NoRuleSet,
    PriorAward,
    YearFacts,
)
from .messages import NAME
from .rulebook import Verdict, check, rule_set_for

YEAR_MIN, YEAR_MAX = 1900, 2100

_CASE_KEYS = ("award", "year", "as_of", "basis", "nominee", "lodged_on")
_NOMINEE_KEYS = ("kind", "deceased", "pending_review", "months_in_service", "years", "awards",
                 "initiatives", "disciplines")
_YEAR_KEYS = ("year", "rating", "titles", "members", "bloc_leader")
_MEMBER_KEYS = ("total", "at_least_ht", "ldtt", "cstdcs", "disciplined_canh_cao_or_above")
_AWARD_KEYS = ("award", "year", "basis")
_INITIATIVE_KEYS = ("id", "year", "scope", "kind", "used_for")
_DISCIPLINE_KEYS = ("form", "start", "end")

T = TypeVar("T")


# ---------------------------------------------------------------- reading the JSON shape


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _show(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _object(value: Any, path: str, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise CaseError(path, f"phải là một đối tượng JSON {{...}}, không phải {_show(value)}.")
    for key in value:
        if key not in keys:
            raise CaseError(
                _join(path, str(key)),
                f"trường không có trong hợp đồng; các trường hợp lệ: {', '.join(keys)}.",
            )
    return value


# Readers take (value, path of the parent, key) and build the field's path only when they
# need it: on an error, or as the prefix of a nested object.
Reader = Callable[[Any, str, str], T]


# With a default or required=True the value is never None (the overloads tell mypy so).
@overload
def _get(data: dict[str, Any], key: str, path: str, read: Reader[T], default: T,
         required: bool = False) -> T: ...
@overload
def _get(data: dict[str, Any], key: str, path: str, read: Reader[T], *,
         required: Literal[True]) -> T: ...
@overload
def _get(data: dict[str, Any], key: str, path: str, read: Reader[T],
         default: None = None, required: bool = False) -> T | None: ...
def _get(data: dict[str, Any], key: str, path: str, read: Reader[T],
         default: T | None = None, required: bool = False) -> T | None:
    value = data.get(key)
    if value is None:
        if required:
            raise CaseError(_join(path, key), "thiếu trường bắt buộc.")
        return default
    return read(value, path, key)


def _int(value: Any, path: str, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CaseError(_join(path, key), f"phải là số nguyên, không phải {_show(value)}.")
    return value


def _bool(value: Any, path: str, key: str) -> bool:
    if not isinstance(value, bool):
        raise CaseError(_join(path, key), f"phải là true hoặc false, không phải {_show(value)}.")
    return value


def _str(value: Any, path: str, key: str) -> str:
    if not isinstance(value, str):
        raise CaseError(_join(path, key), f"phải là một chuỗi ký tự, không phải {_show(value)}.")
    return value


def _list(value: Any, path: str, key: str) -> list[Any] | tuple[Any, ...]:
    if not isinstance(value, list | tuple):
        raise CaseError(
            _join(path, key), f"phải là một danh sách [...], không phải {_show(value)}."
        )
    return value


def _date(value: Any, path: str, key: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise CaseError(_join(path, key), f"ngày không hợp lệ {_show(value)}; dùng dạng YYYY-MM-DD.")


def _items(data: dict[str, Any], key: str, path: str, read: Reader[T]) -> tuple[T, ...]:
    values = _get(data, key, path, _list) or ()
    return tuple(read(item, path, f"{key}[{i}]") for i, item in enumerate(values))


def _members(value: Any, path: str, key: str) -> MemberFigures:
    here = _join(path, key)
    d = _object(value, here, _MEMBER_KEYS)
    return MemberFigures(*(_get(d, k, here, _int, required=True) for k in _MEMBER_KEYS))


def _year(value: Any, path: str, key: str) -> YearFacts:
    here = _join(path, key)
    d = _object(value, here, _YEAR_KEYS)
    titles = _get(d, "titles", here, _list) or ()
    return YearFacts(
        year=_get(d, "year", here, _int, required=True),
        rating=_get(d, "rating", here, _str),
        titles=frozenset(_str(t, here, f"titles[{i}]") for i, t in enumerate(titles)),
        members=_get(d, "members", here, _members),
        bloc_leader=_get(d, "bloc_leader", here, _bool, default=False),
    )


def _prior(value: Any, path: str, key: str) -> PriorAward:
    here = _join(path, key)
    d = _object(value, here, _AWARD_KEYS)
    return PriorAward(
        award=_get(d, "award", here, _str, required=True),
        year=_get(d, "year", here, _int, required=True),
        basis=_get(d, "basis", here, _str, default=CONG_TRANG),
    )


def _initiative(value: Any, path: str, key: str) -> Initiative:
    here = _join(path, key)
    d = _object(value, here, _INITIATIVE_KEYS)
    return Initiative(
        id=_get(d, "id", here, _str, required=True),
        year=_get(d, "year", here, _int, required=True),
        scope=_get(d, "scope", here, _str, required=True),
        kind=_get(d, "kind", here, _str, default="sang_kien"),
        used_for=_get(d, "used_for", here, _str) or None,  # "" reads as not used
    )


def _discipline(value: Any, path: str, key: str) -> Discipline:
    here = _join(path, key)
    d = _object(value, here, _DISCIPLINE_KEYS)
    return Discipline(
        form=_get(d, "form", here, _str, required=True),
        start=_get(d, "start", here, _date, required=True),
        end=_get(d, "end", here, _date),
    )


def _nominee(value: Any, path: str, key: str) -> Nominee:
    here = _join(path, key)
    d = _object(value, here, _NOMINEE_KEYS)
    return Nominee(
        kind=_get(d, "kind", here, _str, required=True),
        years=_items(d, "years", here, _year),
        awards=_items(d, "awards", here, _prior),
        initiatives=_items(d, "initiatives", here, _initiative),
        disciplines=_items(d, "disciplines", here, _discipline),
        deceased=_get(d, "deceased", here, _bool, default=False),
        pending_review=_get(d, "pending_review", here, _bool, default=False),
        months_in_service=_get(d, "months_in_service", here, _int),
    )


def parse_case(data: Any, *, today: date | None = None) -> Case:
    """One case from JSON-like data. `as_of` defaults to `today` (default: today's date),
    `basis` to cong_trang. Raises CaseError (NoRuleSet for an as_of before 2024)."""
    d = _object(data, "", _CASE_KEYS)
    case = Case(
        award=_get(d, "award", "", _str, required=True),
        year=_get(d, "year", "", _int, required=True),
        nominee=_get(d, "nominee", "", _nominee, required=True),
        as_of=_get(d, "as_of", "", _date) or today or date.today(),
        basis=_get(d, "basis", "", _str, default=CONG_TRANG),
        lodged_on=_get(d, "lodged_on", "", _date),
    )
    validate_case(case)
    return case


def parse_cases(data: Any, *, today: date | None = None) -> list[Case]:
    """A JSON list of cases; an error names the item, e.g. ``[2].nominee.kind``."""
    items = _list(data, "", "")
    cases = []
    for i, item in enumerate(items):
        try:
            cases.append(parse_case(item, today=today))
        except CaseError as err:
            raise err.at(f"[{i}]") from None
    return cases


# ---------------------------------------------------------------- meaning


def _one_of(value: Any, allowed: tuple[str, ...], path: str, what: str) -> None:
    if value not in allowed:
        raise CaseError(
            path, f"{what} {_show(value)} không hợp lệ; chỉ nhận: {', '.join(allowed)}."
        )


def _year_in_range(value: int, path: str) -> None:
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise CaseError(path, f"năm {value} nằm ngoài khoảng {YEAR_MIN}–{YEAR_MAX}.")


def _count(value: int, path: str, total: int | None = None) -> None:
    if value < 0:
        raise CaseError(path, f"không được âm ({value}).")
    if total is not None and value > total:
        raise CaseError(path, f"{value} lớn hơn tổng số thành viên ({total}).")


def validate_case(case: Case) -> None:
    """Check the meaning of a case's facts; raise CaseError naming the first bad field."""
    _one_of(case.award, AWARDS, "award", "mã khen thưởng")
    _year_in_range(case.year, "year")
    _one_of(case.basis, BASES, "basis", "loại thành tích")
    if case.award in TITLES and case.basis != CONG_TRANG:
        raise CaseError(
            "basis",
            f"{NAME[case.award]} là danh hiệu thi đua, chỉ xét theo công trạng (cong_trang),"
            f" không theo {_show(case.basis)}.",
        )
    if not isinstance(case.as_of, date) or isinstance(case.as_of, datetime):
        raise CaseError("as_of", f"phải là một ngày, không phải {_show(str(case.as_of))}.")
    rule_set_for(case.as_of)  # raises NoRuleSet
    lodged = case.lodged_on
    if lodged is not None:
        if not isinstance(lodged, date) or isinstance(lodged, datetime):
            raise CaseError("lodged_on", f"phải là một ngày, không phải {_show(str(lodged))}.")
        if lodged < case.as_of:
            try:
                rule_set_for(lodged)
            except NoRuleSet as err:
                raise NoRuleSet(
                    "lodged_on",
                    f"hồ sơ nộp ngày {lodged.day:02d}/{lodged.month:02d}/{lodged.year}, trước"
                    " 01/01/2024: được xét theo các văn bản có hiệu lực khi nộp, hệ thống chỉ xét"
                    " theo Luật Thi đua, khen thưởng 2022 và các nghị định hướng dẫn.",
                ) from err
    n = case.nominee
    _one_of(n.kind, KINDS, "nominee.kind", "loại đối tượng")
    if n.kind not in AWARD_KINDS[case.award]:
        who = "cá nhân" if n.kind == "individual" else "tập thể"
        raise CaseError(
            "nominee.kind",
            f"{NAME[case.award]} ({case.award}) không xét cho {who} ({n.kind}).",
        )
    collective = n.kind == COLLECTIVE
    if collective and n.deceased:
        raise CaseError("nominee.deceased", "tập thể không thể là người đã mất.")
    if n.months_in_service is not None:
        _count(n.months_in_service, "nominee.months_in_service")
    own_titles = tuple(t for t in TITLES if n.kind in AWARD_KINDS[t])
    seen: dict[int, int] = {}
    for i, f in enumerate(n.years):
        path = f"nominee.years[{i}]"
        _year_in_range(f.year, f"{path}.year")
        if f.year in seen:
            raise CaseError(f"{path}.year", f"năm {f.year} bị lặp (đã có ở nominee.years"
                                            f"[{seen[f.year]}]).")
        seen[f.year] = i
        if f.rating is not None:
            _one_of(f.rating, RATINGS, f"{path}.rating", "xếp loại")
        for title in sorted(f.titles):
            _one_of(title, own_titles, f"{path}.titles", "danh hiệu")
        if f.members is not None:
            if not collective:
                raise CaseError(f"{path}.members", "số liệu thành viên chỉ dành cho tập thể.")
            m = f.members
            _count(m.total, f"{path}.members.total")
            for key in _MEMBER_KEYS[1:]:
                _count(getattr(m, key), f"{path}.members.{key}", m.total)
        if f.bloc_leader and not collective:
            raise CaseError(f"{path}.bloc_leader", "chỉ tập thể mới dẫn đầu khối, cụm thi đua.")
    for i, a in enumerate(n.awards):
        path = f"nominee.awards[{i}]"
        _one_of(a.award, AWARDS, f"{path}.award", "mã khen thưởng")
        if a.award in TITLES:
            raise CaseError(
                f"{path}.award",
                f"{a.award} là danh hiệu thi đua: ghi vào nominee.years[].titles của năm"
                f" {a.year}, không ghi vào awards.",
            )
        _year_in_range(a.year, f"{path}.year")
        _one_of(a.basis, BASES, f"{path}.basis", "loại thành tích")
    ids: dict[str, int] = {}
    for i, init in enumerate(n.initiatives):
        path = f"nominee.initiatives[{i}]"
        if not init.id:
            raise CaseError(f"{path}.id", "thiếu mã sáng kiến, đề tài.")
        if init.id in ids:
            raise CaseError(f"{path}.id", f"mã {_show(init.id)} bị lặp (đã có ở nominee."
                                          f"initiatives[{ids[init.id]}]).")
        ids[init.id] = i
        _year_in_range(init.year, f"{path}.year")
        _one_of(init.scope, SCOPES, f"{path}.scope", "phạm vi")
        _one_of(init.kind, INITIATIVE_KINDS, f"{path}.kind", "loại")
    for i, d in enumerate(n.disciplines):
        path = f"nominee.disciplines[{i}]"
        _one_of(d.form, DISCIPLINE_FORMS, f"{path}.form", "hình thức kỷ luật")
        if d.end is not None and d.end < d.start:
            raise CaseError(f"{path}.end", f"ngày kết thúc {d.end.isoformat()} trước ngày bắt đầu"
                                           f" {d.start.isoformat()}.")


# ---------------------------------------------------------------- writing JSON


def verdict_to_dict(verdict: Verdict) -> dict[str, Any]:
    """The verdict exactly as the contract's JSON."""
    return {
        "award": verdict.award,
        "year": verdict.year,
        "rule_set": verdict.rule_set,
        "eligible": verdict.eligible,
        "rules": [
            {"id": r.id, "result": r.result, "citation": r.citation, "message": r.message,
             "confidence": r.confidence}
            for r in verdict.rules
        ],
    }


def case_to_dict(case: Case) -> dict[str, Any]:
    """A case as contract JSON (every field explicit); `parse_case` reads it back equal."""
    n = case.nominee
    years = []
    for f in n.years:
        entry: dict[str, Any] = {"year": f.year, "rating": f.rating, "titles": sorted(f.titles)}
        if f.members is not None:
            entry["members"] = {key: getattr(f.members, key) for key in _MEMBER_KEYS}
        if f.bloc_leader:
            entry["bloc_leader"] = True
        years.append(entry)
    out: dict[str, Any] = {
        "award": case.award,
        "year": case.year,
        "as_of": case.as_of.isoformat(),
        "basis": case.basis,
        "nominee": {
            "kind": n.kind,
            "deceased": n.deceased,
            "pending_review": n.pending_review,
            "months_in_service": n.months_in_service,
            "years": years,
            "awards": [{"award": a.award, "year": a.year, "basis": a.basis} for a in n.awards],
            "initiatives": [
                {"id": i.id, "year": i.year, "scope": i.scope, "kind": i.kind,
                 "used_for": i.used_for}
                for i in n.initiatives
            ],
            "disciplines": [
                {"form": d.form, "start": d.start.isoformat(),
                 "end": d.end.isoformat() if d.end is not None else None}
                for d in n.disciplines
            ],
        },
    }
    if case.lodged_on is not None:  # only when set: the facts hash of other cases is unchanged
        out["lodged_on"] = case.lodged_on.isoformat()
    return out


def error_to_dict(err: CaseError) -> dict[str, str]:
    """A CaseError as JSON for the API (HTTP 400) and the command (exit 2)."""
    return {
        "error": "no_rule_set" if isinstance(err, NoRuleSet) else "invalid_case",
        "field": err.field,
        "message": err.message,
    }


def check_json(data: Any, config: EligibilityConfig = DEFAULT_CONFIG, *,
               today: date | None = None) -> dict[str, Any] | list[dict[str, Any]]:
    """The whole contract: a case (or a list of cases) in, its verdict (or the list of
    verdicts, in order) out. Raises CaseError before judging anything if any case is
    malformed."""
    if isinstance(data, list):
        return [verdict_to_dict(check(case, config)) for case in parse_cases(data, today=today)]
    return verdict_to_dict(check(parse_case(data, today=today), config))
