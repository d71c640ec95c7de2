"""The client's IP address, one rule for every throttle (django-axes, the API, password reset).

Behind N trusted reverse proxies (``TRUSTED_PROXY_COUNT``), each proxy appends the address it
saw to ``X-Forwarded-For``: the client is the N-th entry from the right. Anything further
left was written by the client and is never trusted. With 0 proxies (the default) the header
is ignored and ``REMOTE_ADDR`` is the client, so a forged header cannot dodge a lockout.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    candidate = hops[-min(count, len(hops))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
