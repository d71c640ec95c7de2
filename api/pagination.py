"""Pages of the API lists: 50 rows (`page_size` up to 100), counted at most to 250 like
the pages (nominations.pagination.CappedPaginator): `count_capped` says the count stopped
there; `next` is given as long as rows follow."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from nominations.pagination import CappedPaginator


class ApiPagination(PageNumberPagination):
    # refuses page numbers past CappedPaginator.MAX_PAGE (their offset overflowed bigint)
    django_paginator_class = CappedPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100
    invalid_page_message = _("Trang không hợp lệ.")

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        return Response({
            "count": paginator.count if not paginator.capped else paginator.cap,
            "count_capped": paginator.capped,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": data,
        })

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "count_capped", "results"],
            "properties": {
                "count": {"type": "integer", "description": "số dòng (tối đa 250)"},
                "count_capped": {"type": "boolean",
                                 "description": "có hơn 250 dòng (count dừng ở 250)"},
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }
