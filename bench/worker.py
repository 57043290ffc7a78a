"""A serving worker's memory: open the bench's database and index, run the query mix, report RSS.

Run by ``bench.run`` in a fresh process with its environment (DATABASE_URL, INDEX_DIR),
so the figure holds what a gunicorn worker holds after serving every kind of query,
and none of the bench's corpus.  Prints one JSON line.
"""

from __future__ import annotations

import json
import sys

import django


def main() -> int:
    django.setup()
    from bench.run import QUERY_MIX, _rss_mb, ours

    for _name, q, filters, page in QUERY_MIX:
        run = ours(q, filters, page)
        run()
        run()
    print(json.dumps({"rss_mb": round(_rss_mb(), 1), "peak_rss_mb": round(_rss_mb("VmHWM"), 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
