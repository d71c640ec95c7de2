"""Every screen of the route, as the board specialist sees it with a dossier at appraisal,
shows no English that viewflow would put there: neither the strings its catalogue
translates (KNOWN_ENGLISH_VIEWFLOW_STRINGS) nor those it hard-codes in templates and Python
(HARDCODED_ENGLISH_VIEWFLOW_STRINGS: column headers such as "Process brief", labels such as
"Brief" or "Owner"). The browser tests check the same on the screens of the full route."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from tests.i18n.english_viewflow_strings import (
    HARDCODED_ENGLISH_VIEWFLOW_STRINGS,
    KNOWN_ENGLISH_VIEWFLOW_STRINGS,
)
from workflows.selectors import task_url

from .helpers import advance, make_dossier

# Hard-coded strings that cannot reach these pages: JavaScript-only, admin, wizard, delete
# confirmation, flash messages of actions not taken here, and the "a / b" notes.
NOT_ON_THESE_PAGES = {
    "Search...", "No images selected", "Image cropping error", "Not allowed",
    "Conditions unmet", "Submit", "Delete", "Delete selected objects", "No objects selected",
    "The objects were deleted successfully", "Tasks was unassigned", "Tasks was assigned",
    "Start / End / Join / ...", "yes / no", "of",
}
ENGLISH = sorted(
    set(KNOWN_ENGLISH_VIEWFLOW_STRINGS)
    | (set(HARDCODED_ENGLISH_VIEWFLOW_STRINGS) - NOT_ON_THESE_PAGES),
    key=len, reverse=True,
)
ENGLISH_RE = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w-])")


def visible_text(page: str) -> str:
    """Text a reader sees (and tooltips/labels read aloud): no scripts, styles or tags."""
    page = re.sub(r"(?is)<(script|style|template)\b.*?</\1>", " ", page)
    attrs = " ".join(re.findall(r'(?:title|aria-label|placeholder)="([^"]*)"', page))
    page = re.sub(r"(?s)<[^>]+>", " ", page)
    return html.unescape(page + " " + attrs)


@pytest.fixture
def screens(world):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")
    return {
        "inbox": reverse("khenthuong:route:inbox"),
        "queue": reverse("khenthuong:route:queue"),
        "archive": reverse("khenthuong:route:archive"),
        "process list": reverse("khenthuong:route:process_list"),
        "process detail": reverse("khenthuong:route:process_detail", args=[task.process_id]),
        "chart": reverse("khenthuong:route:chart"),
        "task detail": task_url(task, "detail"),
        "task page": task_url(task, "index"),
        "status": reverse("khenthuong:route:status"),
        "case": reverse("khenthuong:route:case", args=[dossier.pk]),
        "delegations": reverse("khenthuong:route:delegations"),
    }


@pytest.mark.parametrize("screen", [
    "inbox", "queue", "archive", "process list", "process detail", "chart", "task detail",
    "task page", "status", "case", "delegations",
])
def test_route_screen_shows_no_english_viewflow_strings(world, client, screens, screen):
    client.force_login(world.specialist)
    response = client.get(screens[screen], follow=True)

    assert response.status_code == 200
    found = sorted(set(ENGLISH_RE.findall(visible_text(response.content.decode()))))
    assert found == [], f"{screen}: English on screen: {found}"
