"""The address a request came from, as the service trusts it.

Behind a load balancer or proxy, ``REMOTE_ADDR`` is the proxy's own address, so every person would
share one limit. ``AREASEND_CLIENT_IP_HEADER`` names the header the proxy sets (for example
``HTTP_X_FORWARDED_FOR``) and ``AREASEND_TRUSTED_PROXY_COUNT`` how many proxies stand in front of the
service: the address is then taken that many places from the right of the header, so an address a
client writes into the header itself is never believed. Without the setting, ``REMOTE_ADDR``.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(value: str) -> str:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return ""


def client_address(request) -> str:
    """The client's address, checked to be an IP address; the direct peer's when no proxy is trusted."""
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    header = getattr(settings, "AREASEND_CLIENT_IP_HEADER", "")
    proxies = int(getattr(settings, "AREASEND_TRUSTED_PROXY_COUNT", 0) or 0)
    if not header or proxies < 1:
        return remote or "unknown"
    hops = [part for part in (request.META.get(header, "") or "").split(",") if part.strip()]
    if len(hops) < proxies:
        return remote or "unknown"
    return _valid(hops[-proxies]) or remote or "unknown"


def axes_client_address(request) -> str | None:
    """The same address for the sign-in lockout (django-axes calls this); None when there is none to give
    (a request made inside the service, with no peer), which django-axes keeps as not known."""
    address = client_address(request)
    return None if address == "unknown" else address
