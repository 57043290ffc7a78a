"""gunicorn settings (read automatically from the working directory); environment overrides them."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Two per core, at most 8: search is CPU-bound Python, so more workers only add memory.
workers = int(os.environ.get("WORKERS") or min(multiprocessing.cpu_count() * 2, 8))
# Load the app (and jieba's dictionary, the search analysers) once, before forking workers.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
max_requests = 2000  # recycle workers now and then to bound memory growth
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
wsgi_app = "config.wsgi:application"


def post_worker_init(worker):
    """Each worker reads the index's facet tables and columns before it takes requests."""
    try:
        from search.services import warm_up

        warm_up(tick=worker.notify)
    except Exception as error:  # no index yet, or a broken one: searches will say so themselves
        worker.log.warning("search warm-up skipped: %s", error)
