"""Eligibility under the 2022 Law on Emulation and Commendation: pure Python, facts in,
verdict out (no Django, no database: tests/eligibility/test_engine_is_pure.py).

    from eligibility.engine import Case, Nominee, YearFacts, check, verdict_to_dict
    verdict = check(Case(award="LDTT", year=2024, nominee=Nominee(kind="individual", ...)))

See LAW-2022.md (the rules) and ELIGIBILITY-CONTRACT.md (the JSON contract).

    facts.py      the case and its facts (dataclasses), the codes
    config.py     the province-configurable pieces (EligibilityConfig)
    catalogue.py  the rule sets by date and every rule as data
    rules/        one function per rule id, by award group (general, titles,
                  certificates of merit, orders)
    rulebook.py   the engine: the rule set in force, the plans, `check`
    contract.py   the JSON contract (parse, validate, verdict_to_dict)
    messages.py   the Vietnamese names, labels and notes the rules and screens share
"""

from .catalogue import (
    CATALOGUE,
    RULE_SETS,
    RULE_VERSIONS,
    RULES_BY_ID,
    Rule,
    RuleSet,
    rules_in_force,
)
from .config import DEFAULT_CONFIG, EligibilityConfig
from .contract import (
    case_to_dict,
    check_json,
    error_to_dict,
    parse_case,
    parse_cases,
    validate_case,
    verdict_to_dict,
)
from .facts import (
    AWARD_KINDS,
    AWARDS,
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
from .rulebook import (
    RuleBook,
    RuleResult,
    Verdict,
    check,
    initiatives_counted,
    rule_set_for,
    rules_date,
)

__all__ = [
    "AWARDS",
    "AWARD_KINDS",
    "CATALOGUE",
    "DEFAULT_CONFIG",
    "RULES_BY_ID",
    "RULE_SETS",
    "RULE_VERSIONS",
    "Case",
    "CaseError",
    "Discipline",
    "EligibilityConfig",
    "Initiative",
    "MemberFigures",
    "NoRuleSet",
    "Nominee",
    "PriorAward",
    "Rule",
    "RuleBook",
    "RuleResult",
    "RuleSet",
    "Verdict",
    "YearFacts",
    "case_to_dict",
    "check",
    "check_json",
    "error_to_dict",
    "initiatives_counted",
    "parse_case",
    "parse_cases",
    "rule_set_for",
    "rules_date",
    "rules_in_force",
    "validate_case",
    "verdict_to_dict",
]
