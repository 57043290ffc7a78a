"""python manage.py index_worker [--once] — apply queued index updates (started by `make serve`).

Requests apply their own changes right after commit; this catches whatever a crashed or timed-out
request left in the queue, so nothing waits for the next edit."""

from __future__ import annotations

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from search.queue import IndexBusy, drain, pending

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "把队列中的索引更新写入检索索引；--once 处理一次后退出，否则每隔 --interval 秒检查一次"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="处理一次后退出")
        parser.add_argument("--interval", type=float, default=1.0, help="检查间隔（秒）")

    def handle(self, *args, **opts):
        if opts["once"]:
            applied = drain()
            self.stdout.write(f"已应用 {applied} 个索引任务；队列剩余 {pending()} 个")
            return
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while not stopping:
            try:
                if pending():
                    drain()
            except IndexBusy:
                pass  # another process is writing; it empties the queue before it lets go
            except Exception:
                log.exception("索引任务处理失败，稍后重试")
            close_old_connections()
            time.sleep(opts["interval"])
