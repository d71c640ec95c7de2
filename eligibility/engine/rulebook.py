"""The engine: pick the rule set in force on `as_of`, run every applicable rule, and
gather a verdict. Pure: facts in, verdict out.

The catalogue is compiled once into plans: for each period of dates over which neither
the rule set nor any rule's dates change, and for each (award, nominee kind), the steps
in catalogue order with their citations rendered for that rule set. A step whose outcome
follows from the award and kind alone (a GEN rule that does not apply, an unverified
manual rule) is computed then, once. A check is: find the period, look up the plan, build
the context once, call the remaining functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import NamedTuple

from .catalogue import CATALOGUE, RULE_SETS, Rule, RuleSet
from .config import DEFAULT_CONFIG, EligibilityConfig
from .facts import AWARD_KINDS, AWARDS, KINDS, Case, CaseError, NoRuleSet
from .messages import INTERPRETATION_FLAG, MANUAL_LEAD, NAME, READING_LEAD
from .rules import (
    FAIL,
    INITIATIVE_RULES,
    MANUAL,
    PASS,
    Ctx,
    Outcome,
    counted_initiatives,
    dmy,
)


class RuleResult(NamedTuple):
    id: str
    result: str  # "pass" | "fail" | "manual"
    citation: str
    message: str
    # "L" (the law's own words), "P" (as restated), "I" (our interpretation: the rule's own
    # confidence, or a reading this outcome rests on), None (text not verified)
    confidence: str | None = None


class Verdict(NamedTuple):
    award: str
    year: int
    rule_set: str
    eligible: bool | None  # True: all pass; False: any fails; None: none fails, some manual
    rules: tuple[RuleResult, ...]


_new_tuple = tuple.__new__  # builds a NamedTuple without its Python-level __new__

# (rule id, function or None, citation, message flag, precomputed result or None,
#  confidence)
_Step = tuple[str, Callable[[Ctx], Outcome] | None, str, str, RuleResult | None, str | None]


class _Plan(NamedTuple):
    steps: tuple[_Step, ...]
    failed: bool  # a precomputed step fails
    manual: bool  # a precomputed step needs a reviewer


class _Period(NamedTuple):
    rule_set: str
    plans: dict[tuple[str, str], _Plan]


def _finish(rule_id: str, outcome: Outcome, citation: str, flag: str,
            confidence: str | None) -> RuleResult:
    """A rule's outcome as it appears in a verdict (the loop in `check` inlines this)."""
    result, message = outcome[0], outcome[1]
    if result == MANUAL:
        message = MANUAL_LEAD + message
    if len(outcome) > 2 and outcome[2]:
        flag, confidence = INTERPRETATION_FLAG, "I"
        message = f"{message}{READING_LEAD}{outcome[2]}."
    return RuleResult(rule_id, result, citation, flag + message, confidence)


class RuleBook:
    """A catalogue and its rule sets, compiled for checking. `check` below uses the one
    built from `catalogue.CATALOGUE`; tests build others to exercise rule dates."""

    def __init__(self, rules: Iterable[Rule] = CATALOGUE,
                 rule_sets: Iterable[RuleSet] = RULE_SETS) -> None:
        self.rules = tuple(rules)
        self.rule_sets = tuple(sorted(rule_sets, key=lambda s: s.effective_from))
        day = timedelta(days=1)
        cuts = {s.effective_from for s in self.rule_sets}
        cuts.update(s.effective_to + day for s in self.rule_sets if s.effective_to)
        cuts.update(rule.effective_from for rule in self.rules)
        cuts.update(rule.effective_to + day for rule in self.rules if rule.effective_to)
        # Latest first: a check's as_of is nearly always in the newest period.
        self._periods: tuple[tuple[date, _Period | None], ...] = tuple(
            (start, self._compile(start)) for start in sorted(cuts, reverse=True)
        )

    def _compile(self, start: date) -> _Period | None:
        rule_set = self.rule_set_on(start)
        if rule_set is None:
            return None
        plans: dict[tuple[str, str], _Plan] = {}
        for award in AWARDS:
            for kind in AWARD_KINDS[award]:
                steps: list[_Step] = []
                for rule in self.rules:
                    if award not in rule.awards or kind not in rule.kinds:
                        continue
                    if not rule.in_force(start):
                        continue
                    citation = rule.citation.replace("{nd}", rule_set.decree)
                    flag = INTERPRETATION_FLAG if rule.confidence == "I" else ""
                    outcome = rule.fixed(award, kind) if rule.fixed else None
                    if outcome is None:
                        steps.append((rule.id, rule.check, citation, flag, None,
                                      rule.confidence))
                    else:
                        steps.append((rule.id, None, citation, flag,
                                      _finish(rule.id, outcome, citation, flag,
                                              rule.confidence), rule.confidence))
                fixed = [step[4].result for step in steps if step[4] is not None]
                plans[award, kind] = _Plan(tuple(steps), FAIL in fixed, MANUAL in fixed)
        return _Period(rule_set.id, plans)

    def rule_set_on(self, day: date) -> RuleSet | None:
        for rule_set in self.rule_sets:
            if rule_set.effective_from <= day and (
                rule_set.effective_to is None or day <= rule_set.effective_to
            ):
                return rule_set
        return None

    def _period(self, as_of: date) -> _Period:
        for start, period in self._periods:
            if as_of >= start:
                if period is not None:
                    return period
                break
        raise NoRuleSet(
            "as_of",
            f"ngày {dmy(as_of)} không thuộc bộ quy tắc nào: hệ thống chỉ xét theo Luật Thi"
            " đua, khen thưởng 2022 và các nghị định hướng dẫn, áp dụng từ 01/01/2024.",
        )

    def rule_set_id(self, as_of: date) -> str:
        """The id of the rule set in force on `as_of`; NoRuleSet before 01/01/2024."""
        return self._period(as_of).rule_set

    def check(self, case: Case, config: EligibilityConfig = DEFAULT_CONFIG) -> Verdict:
        """Judge `case` (assumed valid: see `contract.validate_case` for facts built by
        hand) under the texts in force on its `rules_date` (the lodging date when the
        dossier was lodged earlier, else `as_of`). Raises NoRuleSet for such a date before
        2024, CaseError for an unknown award or an award that does not fit the nominee's
        kind."""
        period = self._period(rules_date(case))
        plan = period.plans.get((case.award, case.nominee.kind))
        if plan is None:
            raise _plan_error(case)
        ctx = Ctx(case, config)
        results: list[RuleResult] = []
        append = results.append
        new, result_type = _new_tuple, RuleResult
        failed, manual = plan.failed, plan.manual
        for rule_id, fn, citation, flag, fixed, confidence in plan.steps:
            if fn is None:
                assert fixed is not None  # _compile precomputes every step without a check
                append(fixed)
                continue
            outcome = fn(ctx)
            result, message = outcome[0], outcome[1]
            if result != PASS:
                if result == FAIL:
                    failed = True
                else:
                    manual = True
                    message = MANUAL_LEAD + message
            if len(outcome) > 2 and outcome[2]:
                message = f"{INTERPRETATION_FLAG}{message}{READING_LEAD}{outcome[2]}."
                confidence = "I"
            elif flag:
                message = flag + message
            append(new(result_type, (rule_id, result, citation, message, confidence)))
        eligible = False if failed else (None if manual else True)
        return _new_tuple(
            Verdict, (case.award, case.year, period.rule_set, eligible, tuple(results))
        )

    def initiatives_counted(self, case: Case,
                            config: EligibilityConfig = DEFAULT_CONFIG) -> tuple[str, ...]:
        """The ids of the nominee's initiatives that the rules in force on `case.as_of`
        count towards `case.award`: the ones an award granted on these facts uses up
        (GEN-ONE-USE). The rules' own selection (`rules.counted_initiatives`), earliest
        first, only as many as the criterion needs; () when no rule of the case counts
        initiatives. Raises like `check`."""
        plan = self._period(rules_date(case)).plans.get((case.award, case.nominee.kind))
        if plan is None:
            raise _plan_error(case)
        if not any(fn in INITIATIVE_RULES for _id, fn, *_rest in plan.steps):
            return ()
        return tuple(i.id for i in counted_initiatives(Ctx(case, config)))


def rules_date(case: Case) -> date:
    """The day whose texts judge `case`: its lodging date (`lodged_on`, the day the unit
    sent the dossier) when that is earlier than `as_of`, else `as_of`. A dossier lodged
    under NĐ 98/2023 (before 01/07/2025) keeps being judged under it, however late it is
    checked or decided."""
    lodged = case.lodged_on
    if lodged is not None and lodged < case.as_of:
        return lodged
    return case.as_of


def _plan_error(case: Case) -> CaseError:
    award, kind = case.award, case.nominee.kind
    if award not in AWARD_KINDS:
        return CaseError(
            "award", f"mã '{award}' không có trong danh mục khen thưởng ({', '.join(AWARDS)})."
        )
    if kind not in KINDS:
        return CaseError(
            "nominee.kind", f"'{kind}' không hợp lệ; chỉ nhận individual hoặc collective."
        )
    who = "cá nhân" if AWARD_KINDS[award] == ("individual",) else "tập thể"
    return CaseError(
        "nominee.kind", f"{NAME[award]} ({award}) chỉ xét cho {who}, không xét cho '{kind}'."
    )


DEFAULT_RULEBOOK = RuleBook()


def check(case: Case, config: EligibilityConfig = DEFAULT_CONFIG) -> Verdict:
    """The verdict on `case` under the rules in force on `case.as_of`."""
    return DEFAULT_RULEBOOK.check(case, config)


def initiatives_counted(case: Case, config: EligibilityConfig = DEFAULT_CONFIG
                        ) -> tuple[str, ...]:
    """The ids of the initiatives the rules in force on `case.as_of` count towards
    `case.award` (earliest first, as many as needed; () for awards that count none): what
    a decision granting the award marks as used (`used_for`)."""
    return DEFAULT_RULEBOOK.initiatives_counted(case, config)


def rule_set_for(as_of: date) -> str:
    """The rule-set id in force on `as_of` ("luat-06-2022+nd-98-2023" from 01/01/2024,
    "luat-06-2022+nd-152-2025" from 01/07/2025); NoRuleSet before 01/01/2024."""
    return DEFAULT_RULEBOOK.rule_set_id(as_of)
