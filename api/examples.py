"""Request/response examples of the eligibility check, from ELIGIBILITY-CONTRACT.md.

The verdict examples are produced by the engine itself (at import), so the documented
answer is always the one the API gives for the documented case."""

from __future__ import annotations

from eligibility.engine import CaseError, check_json, error_to_dict

CONTRACT_CASE = {
    "award": "BK_TTG",
    "year": 2024,
    "as_of": "2025-09-10",
    "basis": "cong_trang",
    "nominee": {
        "kind": "individual",
        "deceased": False,
        "pending_review": False,
        "months_in_service": 120,
        "years": [
            {"year": 2020, "rating": "HTT", "titles": ["LDTT"]},
            {"year": 2021, "rating": "HTXS", "titles": ["LDTT", "CSTDCS"]},
            {"year": 2022, "rating": "HTXS", "titles": ["LDTT", "CSTDCS"]},
            {"year": 2023, "rating": "HTT", "titles": ["LDTT"]},
            {"year": 2024, "rating": "HTXS", "titles": ["LDTT", "CSTDCS"]},
        ],
        "awards": [{"award": "BK_TINH", "year": 2019, "basis": "cong_trang"}],
        "initiatives": [{"id": "SK-2024-07", "year": 2024, "scope": "co_so",
                         "kind": "sang_kien", "used_for": None}],
        "disciplines": [{"form": "khien_trach", "start": "2018-02-01", "end": "2018-08-01"}],
    },
}

COLLECTIVE_CASE = {
    "award": "TTLDTT",
    "year": 2025,
    "as_of": "2026-01-15",
    "nominee": {
        "kind": "collective",
        "years": [{"year": 2025, "rating": "HTT", "titles": [],
                   "members": {"total": 20, "at_least_ht": 20, "ldtt": 15, "cstdcs": 1,
                               "disciplined_canh_cao_or_above": 0}}],
    },
}

CONTRACT_VERDICT = check_json(CONTRACT_CASE)
LIST_VERDICTS = check_json([CONTRACT_CASE, COLLECTIVE_CASE])


def _error(data) -> dict:
    try:
        check_json(data)
    except CaseError as err:
        return {"errors": [error_to_dict(err)]}
    raise AssertionError("example case is not malformed")  # pragma: no cover


BAD_RATING_ERROR = _error({**CONTRACT_CASE, "nominee": {
    "kind": "individual", "years": [{"year": 2024, "rating": "TOT"}]}})
NO_RULE_SET_ERROR = _error({**CONTRACT_CASE, "as_of": "2023-06-30"})
