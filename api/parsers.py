"""A JSON parser that refuses bodies nested deeper than any case of the contract needs.

Python's decoder recurses once per level: a body nested a few thousand deep raises
RecursionError (an HTML 500 before this parser). Here it is a ParseError (HTTP 400), and so
is a body that parses but is deeper than MAX_DEPTH, so nothing downstream walks it."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# The deepest path of the contract is [i].nominee.years[j].members.total: 5 levels.
MAX_DEPTH = 20


def _depth_exceeds(data, limit: int) -> bool:
    """Whether `data` nests lists/objects deeper than `limit` (iterative: no recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        too_deep = ParseError(_("Dữ liệu JSON lồng nhau quá sâu (tối đa %(n)d cấp).")
                              % {"n": MAX_DEPTH})
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise too_deep from None
        if _depth_exceeds(data, MAX_DEPTH):
            raise too_deep
        return data
