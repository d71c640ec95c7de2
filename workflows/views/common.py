"""What several of the route's views share: links built from a URL reversed once, and how
a task is named on screen."""

from __future__ import annotations

from functools import lru_cache

from django.urls import reverse

from ..steps import step_label

_PK_SLOTS = (987654321, 987654322)


@lru_cache(maxsize=64)
def url_pattern(viewname: str, arity: int = 1) -> str:
    """`reverse(viewname)` once, as a format string with {0}, {1} for its integer
    arguments: a list row builds its links with str.format instead of resolving the URL
    conf again (50 rows × 2 links cost ~30 ms in reverse())."""
    url = reverse(viewname, args=list(_PK_SLOTS[:arity]))
    for index, slot in enumerate(_PK_SLOTS[:arity]):
        url = url.replace(str(slot), "{" + str(index) + "}")
    return url


def case_link(dossier_pk: int) -> str:
    """The case page of a dossier."""
    return url_pattern("khenthuong:route:case").format(dossier_pk)


def task_link(task, view: str = "index") -> str:
    """A page (`view`) of a route task."""
    return url_pattern(f"khenthuong:route:{task.flow_task.name}:{view}", 2).format(
        task.process_id, task.pk)


def task_name(task) -> str:
    """How a person names a task: its step and its dossier (never '#3/11')."""
    deadline = getattr(task, "deadline", None)
    label = step_label(task.flow_task.name)
    return f"{label} – {deadline.dossier.title}" if deadline is not None else label
