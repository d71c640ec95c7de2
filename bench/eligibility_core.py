"""Throughput of the pure eligibility core on one CPU core.

Generates varied, realistic facts (seeded), then measures:
  - check():                       Case objects already built -> Verdict
  - check() + verdict_to_dict():   what the Django task stores
  - parse_case() + check() + verdict_to_dict(): the whole JSON contract (command / API)

Run: python bench/eligibility_core.py [--cases 20000] [--repeat 5] [--seed 2024]
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eligibility.engine import (  # noqa: E402
    AWARD_KINDS,
    Case,
    Discipline,
    Initiative,
    MemberFigures,
    Nominee,
    PriorAward,
    YearFacts,
    case_to_dict,
    check,
    parse_case,
    validate_case,
    verdict_to_dict,
)

AWARD_WEIGHTS = {
    "LDTT": 25, "CSTDCS": 15, "TTLDTT": 10, "GIAY_KHEN": 10, "BK_TINH": 12, "TTLDXS": 6,
    "CSTD_TINH": 6, "BK_TTG": 6, "CO_TINH": 3, "HCLD3": 3, "CSTDTQ": 2, "CO_CP": 2,
}
RATINGS = ("HTXS", "HTT", "HT", "KHT")
RATING_WEIGHTS = (20, 55, 20, 5)
FORMS = ("khien_trach", "canh_cao", "ha_bac_luong", "cach_chuc", "buoc_thoi_viec")


def _individual_year(rng: random.Random, yr: int, cstdcs_streak: int) -> YearFacts:
    rating = rng.choices(RATINGS, RATING_WEIGHTS)[0]
    titles = set()
    if rating in ("HTXS", "HTT") and rng.random() < 0.9:
        titles.add("LDTT")
        if rng.random() < (0.6 if rating == "HTXS" else 0.15):
            titles.add("CSTDCS")
            if cstdcs_streak >= 2 and rng.random() < 0.3:
                titles.add("CSTD_TINH")
    return YearFacts(yr, rating, frozenset(titles))


def _collective_year(rng: random.Random, yr: int) -> YearFacts:
    rating = rng.choices(RATINGS, RATING_WEIGHTS)[0]
    total = rng.randint(5, 60)
    at_least_ht = total if rng.random() < 0.8 else rng.randint(0, total)
    ldtt = min(at_least_ht, round(total * rng.uniform(0.5, 1.0)))
    members = MemberFigures(total, at_least_ht, ldtt, rng.randint(0, max(1, total // 10)),
                            0 if rng.random() < 0.9 else 1)
    leader = rng.random() < 0.1
    titles = set()
    if rating in ("HTXS", "HTT") and ldtt * 100 >= 70 * total:
        titles.add("TTLDXS" if rating == "HTXS" and rng.random() < 0.6 else "TTLDTT")
    if leader and rng.random() < 0.5:
        titles.add("CO_TINH")
    return YearFacts(yr, rating, frozenset(titles), members, leader)


def make_case(rng: random.Random) -> Case:
    award = rng.choices(list(AWARD_WEIGHTS), list(AWARD_WEIGHTS.values()))[0]
    kinds = AWARD_KINDS[award]
    kind = kinds[0] if len(kinds) == 1 else ("individual" if rng.random() < 0.7 else "collective")
    y = rng.choice((2024, 2025))
    as_of = date(y + 1, 1, 5) + timedelta(days=rng.randint(0, 280))
    span = rng.randint(3, 10)
    years = []
    streak = 0
    for yr in range(y - span + 1, y + 1):
        if rng.random() < 0.05:  # a year nobody recorded
            streak = 0
            continue
        if kind == "individual":
            f = _individual_year(rng, yr, streak)
            streak = streak + 1 if "CSTDCS" in f.titles else 0
        else:
            f = _collective_year(rng, yr)
        years.append(f)
    awards = []
    if rng.random() < 0.35:
        awards.append(PriorAward("BK_TINH", rng.randint(y - 9, y - 1),
                                 "cong_trang" if rng.random() < 0.8 else "dot_xuat"))
    if rng.random() < 0.1:
        awards.append(PriorAward("BK_TTG", rng.randint(y - 9, y - 3)))
    if rng.random() < 0.2:
        awards.append(PriorAward("GIAY_KHEN", rng.randint(y - 5, y - 1)))
    initiatives = tuple(
        Initiative(f"SK-{n}", rng.randint(y - 4, y),
                   rng.choices(("co_so", "tinh", "toan_quoc"), (80, 17, 3))[0],
                   "sang_kien" if rng.random() < 0.8 else "de_tai",
                   "BK_TINH" if rng.random() < 0.15 else None)
        for n in range(rng.choices((0, 1, 2, 3, 4), (40, 25, 20, 10, 5))[0])
    )
    disciplines = ()
    if rng.random() < 0.05:
        start = date(rng.randint(y - 6, y), rng.randint(1, 12), 1)
        disciplines = (Discipline(rng.choice(FORMS), start, start + timedelta(days=180)),)
    individual = kind == "individual"
    nominee = Nominee(
        kind=kind,
        years=tuple(years),
        awards=tuple(awards),
        initiatives=initiatives,
        disciplines=disciplines,
        deceased=individual and rng.random() < 0.02,
        pending_review=rng.random() < 0.02,
        months_in_service=rng.randint(3, 240) if individual else None,
    )
    return Case(award, y, nominee, as_of, "cong_trang" if rng.random() < 0.93 or award in (
        "LDTT", "CSTDCS", "CSTD_TINH", "CSTDTQ", "TTLDTT", "TTLDXS", "CO_TINH", "CO_CP",
    ) else rng.choice(("dot_xuat", "chuyen_de")))


def _rate(fn, items: list, repeat: int) -> tuple[float, float, float]:
    """Items per second over `repeat` timed passes (after one warm-up): best and median
    by CPU time of this process (what one core does, whatever else the machine runs),
    and median by wall-clock time (lower when other processes compete for the core)."""
    fn(items)
    cpu_rates, wall_rates = [], []
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        fn(items)
        cpu_rates.append(len(items) / (time.process_time() - cpu))
        wall_rates.append(len(items) / (time.perf_counter() - wall))
    return max(cpu_rates), statistics.median(cpu_rates), statistics.median(wall_rates)


def _checks(cases: list[Case]) -> None:
    for case in cases:
        check(case)


def _checks_to_dict(cases: list[Case]) -> None:
    for case in cases:
        verdict_to_dict(check(case))


def _json_pipeline(dicts: list[dict]) -> None:
    for data in dicts:
        verdict_to_dict(check(parse_case(data)))


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    cases = [make_case(rng) for _ in range(args.cases)]
    for case in cases:
        validate_case(case)  # the generator makes only well-formed facts
    dicts = [case_to_dict(case) for case in cases]

    verdicts = [check(case) for case in cases]
    outcomes = Counter(v.eligible for v in verdicts)
    awards = Counter(case.award for case in cases)
    rules_run = sum(len(v.rules) for v in verdicts)

    print(f"Python {platform.python_version()} on {_cpu_model()}; one process, one core;"
          f" load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"{len(cases)} cases, seed {args.seed}: "
          + ", ".join(f"{a} {n}" for a, n in awards.most_common()))
    print(f"verdicts: eligible {outcomes[True]}, not eligible {outcomes[False]}, "
          f"needs reviewer {outcomes[None]}; {rules_run / len(cases):.1f} rules per check")
    for label, fn, items in (
        ("check()", _checks, cases),
        ("check() + verdict_to_dict()", _checks_to_dict, cases),
        ("parse_case() + check() + verdict_to_dict()", _json_pipeline, dicts),
    ):
        best, median, wall = _rate(fn, items, args.repeat)
        print(f"{label:44s} CPU best {best:>9,.0f}/s  median {median:>9,.0f}/s"
              f" ({1e6 / median:5.1f} µs)   wall median {wall:>9,.0f}/s")


if __name__ == "__main__":
    main()
