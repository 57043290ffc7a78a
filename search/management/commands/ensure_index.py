"""python manage.py ensure_index [--force] — build the search index when missing or stale.

Progress: on a terminal one line is redrawn as batches are indexed; otherwise
``--verbosity 2`` prints a line about every tenth of the work.  ``-v0`` prints nothing.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from search.services import count, ensure

PHASES = {"index": "索引", "commit": "写入索引段"}


class ProgressReporter:
    """Turns ``rebuild`` progress callbacks into output fitting the stream and verbosity."""

    def __init__(self, stream, *, verbosity: int, interactive: bool) -> None:
        self.stream = stream
        self.verbosity = verbosity
        self.interactive = interactive
        self.started = time.monotonic()
        self.last_tenth = -1
        self.redrawn = False

    def __call__(self, phase: str, done: int, total: int) -> None:
        if self.verbosity < 1 or (not self.interactive and self.verbosity < 2):
            return
        elapsed = time.monotonic() - self.started
        if phase == "index":
            percent = 100 * done // total if total else 100
            rate = done / elapsed if elapsed > 0 else 0.0
            line = f"{PHASES[phase]} {done}/{total} 个段落（{percent}%，{rate:.0f} 段/秒，{elapsed:.0f} 秒）"
            if self.interactive:
                self.stream.write("\r" + line, ending="")
                self.stream.flush()
                self.redrawn = True
                return
            tenth = percent // 10
            if tenth == self.last_tenth:
                return
            self.last_tenth = tenth
        else:
            line = f"{PHASES.get(phase, phase)}……（{elapsed:.0f} 秒）"
            if self.interactive and self.redrawn:
                self.stream.write("")  # end the redrawn line
                self.redrawn = False
        self.stream.write(line)
        self.stream.flush()

    def finish(self) -> None:
        if self.redrawn:
            self.stream.write("")
            self.redrawn = False


class Command(BaseCommand):
    help = "检索索引缺失或过期（分词词典、索引结构改变，或段落数不符）时重建；--force 总是重建"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="无论是否最新都重建")

    def handle(self, *args, **opts):
        verbosity = opts["verbosity"]
        interactive = self.stdout.isatty()
        reporter = ProgressReporter(self.stdout, verbosity=verbosity, interactive=interactive)
        started = time.monotonic()
        try:
            rebuilt = ensure(force=opts["force"], progress=reporter)
        except OSError as exc:
            # a full disk or a file-size limit: the rebuild was written beside the live index,
            # which stays as it was
            raise CommandError(
                f"重建检索索引失败：{exc.strerror or exc}（磁盘已满或文件大小受限？）；原有索引未改动"
            ) from exc
        finally:
            reporter.finish()
        if verbosity < 1:
            return
        if rebuilt is None:
            self.stdout.write(f"检索索引已是最新：{count()} 个段落")
        else:
            self.stdout.write(f"已重建检索索引：{rebuilt} 个段落（{time.monotonic() - started:.1f} 秒）")
