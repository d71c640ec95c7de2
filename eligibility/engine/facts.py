"""The facts a check reads: plain frozen dataclasses, no Django.

The Django side builds these from the database (or `contract.parse_case` builds them from
the JSON contract); `rulebook.check` reads them and never writes. `contract.validate_case`
checks a Case built by hand (codes, ranges, duplicates) and names the offending field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# ---------------------------------------------------------------- codes (LAW-2022.md)

INDIVIDUAL = "individual"
COLLECTIVE = "collective"
KINDS = (INDIVIDUAL, COLLECTIVE)

# Task-completion ratings, best first, and their order (higher is better).
RATINGS = ("HTXS", "HTT", "HT", "KHT")
RATING_RANK = {"HTXS": 3, "HTT": 2, "HT": 1, "KHT": 0}

BASES = ("cong_trang", "dot_xuat", "chuyen_de", "cong_hien", "nien_han", "doi_ngoai")
CONG_TRANG = "cong_trang"

INDIVIDUAL_TITLES = ("LDTT", "CSTDCS", "CSTD_TINH", "CSTDTQ")
COLLECTIVE_TITLES = ("TTLDTT", "TTLDXS", "CO_TINH", "CO_CP")
TITLES = INDIVIDUAL_TITLES + COLLECTIVE_TITLES
# Forms of commendation that are not yearly titles; these go in `Nominee.awards`.
COMMENDATIONS = ("GIAY_KHEN", "BK_TINH", "BK_TTG", "HCLD3")
AWARDS = TITLES + COMMENDATIONS

# Which nominee kinds each award code may be checked for.
AWARD_KINDS: dict[str, tuple[str, ...]] = {
    **{code: (INDIVIDUAL,) for code in INDIVIDUAL_TITLES},
    **{code: (COLLECTIVE,) for code in COLLECTIVE_TITLES},
    **{code: KINDS for code in COMMENDATIONS},
}

SCOPES = ("co_so", "tinh", "toan_quoc")
SCOPE_RANK = {"co_so": 0, "tinh": 1, "toan_quoc": 2}
INITIATIVE_KINDS = ("sang_kien", "de_tai")
DISCIPLINE_FORMS = ("khien_trach", "canh_cao", "ha_bac_luong", "cach_chuc", "buoc_thoi_viec")


# ---------------------------------------------------------------- errors


class CaseError(ValueError):
    """A malformed case. `field` is the path of the offending value (for example
    ``nominee.years[2].rating``; ``""`` for the case itself), `detail` the Vietnamese
    explanation, and `message` (also ``str(err)``) the two together, path first."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.detail = message
        self.message = f"{field}: {message}" if field else message
        super().__init__(self.message)

    def at(self, prefix: str) -> CaseError:
        """The same error for a case nested under `prefix` (e.g. ``[3]`` in a list)."""
        return type(self)(f"{prefix}.{self.field}" if self.field else prefix, self.detail)


class NoRuleSet(CaseError):
    """`as_of` falls on a date no rule set covers (before 01/01/2024)."""


# ---------------------------------------------------------------- facts


@dataclass(frozen=True, slots=True)
class MemberFigures:
    """A collective's member figures for one year."""

    total: int
    at_least_ht: int
    ldtt: int
    cstdcs: int
    disciplined_canh_cao_or_above: int


@dataclass(frozen=True, slots=True)
class YearFacts:
    """One evaluation year. `rating` None means unknown; `titles` are title codes held
    for that year; `members` and `bloc_leader` are for collectives only."""

    year: int
    rating: str | None = None
    titles: frozenset[str] = frozenset()
    members: MemberFigures | None = None
    bloc_leader: bool = False


@dataclass(frozen=True, slots=True)
class PriorAward:
    """A form of commendation already received (`year` is the year of the achievement)."""

    award: str
    year: int
    basis: str = CONG_TRANG


@dataclass(frozen=True, slots=True)
class Initiative:
    """An initiative (`sang_kien`) or science project (`de_tai`), dated by the year it
    was recognised or accepted. `used_for` names the award it already supported."""

    id: str
    year: int
    scope: str
    kind: str = "sang_kien"
    used_for: str | None = None


@dataclass(frozen=True, slots=True)
class Discipline:
    """A discipline period, both ends inclusive; `end` None means still in force."""

    form: str
    start: date
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Nominee:
    """The person or collective. `months_in_service`: months worked by the end of the
    evaluation year (None = unknown)."""

    kind: str
    years: tuple[YearFacts, ...] = ()
    awards: tuple[PriorAward, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    disciplines: tuple[Discipline, ...] = ()
    deceased: bool = False
    pending_review: bool = False
    months_in_service: int | None = None


@dataclass(frozen=True, slots=True)
class Case:
    """One nominee proposed for one award for evaluation year `year`, judged under the
    rules in force on `as_of` — or on `lodged_on`, the day the dossier was lodged (sent
    by the unit head), when that is earlier: a dossier lodged before a change of texts is
    judged under the texts of its lodging date (transitional cases)."""

    award: str
    year: int
    nominee: Nominee
    as_of: date = field(default_factory=date.today)
    basis: str = CONG_TRANG
    lodged_on: date | None = None
