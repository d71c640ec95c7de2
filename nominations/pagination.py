"""A paginator for lists of years of history, where an exact count is the slowest part."""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import EmptyPage, Page, Paginator
from django.utils.translation import gettext as _


class _Page(Page):
    """A page that knows whether rows follow it (it read one more than it shows)."""

    def __init__(self, object_list, number, paginator, more: bool):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0


class CappedPaginator(Paginator):
    """Counts at most `cap` rows (COUNT over a LIMIT sub-query, which stops early) instead
    of all of them: a province's 40,000 processes cost 130 ms to count, the first 251
    about 6 ms. Beyond the cap the list says "hơn 250"; each page reads one row more than
    it shows, so "next" is offered as long as rows follow, whatever the count; filters
    narrow the list."""

    cap = 250
    MAX_PAGE = 1_000_000

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @property
    def count_label(self) -> str:
        if self.capped:
            return _("hơn %(n)s") % {"n": f"{self.cap:,}".replace(",", ".")}
        return str(self.count)

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if number < 1:
            raise EmptyPage(_("Số trang phải từ 1 trở lên."))
        if number > self.MAX_PAGE:  # its OFFSET would overflow the database's bigint
            raise EmptyPage(_("Trang này không có dữ liệu."))
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom: bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(_("Trang này không có dữ liệu."))
        return _Page(rows[: self.per_page], number, self, more=len(rows) > self.per_page)
