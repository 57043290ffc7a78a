"""Production: DEBUG is off and the secret key must come from the environment."""

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

# Cookies over HTTPS only once the site is served behind TLS (SECURE_COOKIES=1).
SESSION_COOKIE_SECURE = os.environ.get("SECURE_COOKIES", "0") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
