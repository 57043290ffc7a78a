"""Security headers on every response: a Content-Security-Policy with no inline script."""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # the admin sets a few style attributes; no page runs inline script
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CSP)
        response.setdefault("X-Content-Type-Options", "nosniff")
        response.setdefault("Referrer-Policy", "same-origin")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


LOGIN_PATH = "/admin/login/"
LOGIN_ATTEMPTS = 5  # failed logins per client address …
LOGIN_WINDOW = 600  # … per ten minutes


class LoginRateLimitMiddleware:
    """Refuse further admin logins from an address after repeated failures (a shared cache, so the
    limit holds across gunicorn workers)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or request.path != LOGIN_PATH:
            return self.get_response(request)
        key = f"login-failures:{request.META.get('REMOTE_ADDR', '')}"
        if cache.get(key, 0) >= LOGIN_ATTEMPTS:
            response = HttpResponse(
                "登录失败次数过多，请十分钟后再试。", status=429, content_type="text/plain; charset=utf-8"
            )
            response["Retry-After"] = str(LOGIN_WINDOW)
            return response
        response = self.get_response(request)
        # the login form shown again is a failed attempt; add() starts the window, incr() counts in it
        if response.status_code == 200 and not cache.add(key, 1, LOGIN_WINDOW):
            cache.incr(key)
        return response
