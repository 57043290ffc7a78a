"""When the search index is missing or unreadable: a clear 503, not a server error.

The rest of the site (article pages, the admin) keeps working; `manage.py ensure_index --force`
rebuilds the index from the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from config.json import json_response

from .engines import SearchUnavailable

log = logging.getLogger(__name__)
MESSAGE = "检索索引暂时不可用，请稍后再试。管理员可运行 manage.py ensure_index --force 重建索引。"
RETRY_AFTER = "60"


def unavailable_response(request: HttpRequest) -> HttpResponse:
    wants_json = request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")
    response: HttpResponse
    if wants_json:
        response = json_response({"error": MESSAGE}, status=503)
    else:
        response = render(request, "reader/unavailable.html", {"message": MESSAGE}, status=503)
    response["Retry-After"] = RETRY_AFTER
    return response


class IndexUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, SearchUnavailable):
            return None
        log.error("search index unavailable: %s", exception)
        return unavailable_response(request)


def unless_unavailable(default, fn: Callable, /, *args, **kwargs):
    """fn(...) — or `default` when the index is unavailable, for the parts of a page that can do
    without search (related sections on an article page)."""
    try:
        return fn(*args, **kwargs)
    except SearchUnavailable as exc:
        log.warning("search index unavailable, serving without it: %s", exc)
        return default
