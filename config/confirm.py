"""A confirmation step for irreversible actions, without JavaScript: the first POST of the
action's form answers a page that says what will happen and posts the same data again with
`confirm=1`; only that second POST acts."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRM_FIELD = "confirm"


def confirmed(request: HttpRequest) -> bool:
    """Did the user confirm (the confirmation page's POST)?"""
    return request.POST.get(CONFIRM_FIELD) == "1"


def confirm_page(request: HttpRequest, *, title: str, message: str, cancel_url: str,
                 details: Iterable[str] = (), button: str = "") -> HttpResponse:
    """The confirmation page: `message` (what happens, in Vietnamese), `details` as a list,
    and a form posting the request's data again (hidden) with confirm=1 to the same URL."""
    hidden = [(name, value) for name, values in request.POST.lists()
              if name not in ("csrfmiddlewaretoken", CONFIRM_FIELD) for value in values]
    return render(request, "khenthuong/confirm.html", {
        "title": title, "page_title": title, "message": message, "details": list(details),
        "hidden": hidden, "cancel_url": cancel_url, "button": button,
        "action_url": request.get_full_path(),
    })
