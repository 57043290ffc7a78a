"""Production: DEBUG off, the secret key from the environment, HTTPS hardening unless HTTPS=0.

`make serve` on a laptop serves plain HTTP on loopback and sets HTTPS=0; a deployment behind a TLS
proxy leaves HTTPS at its default (1) and `manage.py check --deploy` is clean.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
_key_file = DATA_DIR / "secret_key"  # noqa: F405 -- written by `make serve` for a local install
if not SECRET_KEY and _key_file.exists():
    SECRET_KEY = _key_file.read_text().strip()
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")

HTTPS = os.environ.get("HTTPS", "1") == "1"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# TLS is terminated by the proxy in front of gunicorn, which says so in this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container's own health check speaks plain HTTP
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
