"""A serving worker: open the bench's database and index, time the query mix, report memory.

Run by ``bench.run`` in a fresh process with its environment (DATABASE_URL, INDEX_DIR),
so the timings and the memory are what a gunicorn worker sees after serving every kind
of query -- without the bench's corpus, which at 1M sections is gigabytes of Python
objects that slowed the same queries several-fold when they were timed beside it.
Prints one JSON line: per-query samples in seconds, RSS now and at its peak.
"""

from __future__ import annotations

import json
import sys

import django


def main() -> int:
    django.setup()
    from bench.run import QUERY_MIX, REPEAT, _rss_mb, _time, ours

    samples = {name: _time(ours(q, filters, page), REPEAT) for name, q, filters, page in QUERY_MIX}
    print(
        json.dumps(
            {"samples": samples, "rss_mb": round(_rss_mb(), 1), "peak_rss_mb": round(_rss_mb("VmHWM"), 1)}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
