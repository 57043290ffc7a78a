"""Run django-haystack's own Whoosh test suite against ``search.engines.whoosh.ChineseWhooshEngine``.

    python tests/search/haystack_suite/runner.py SUITE_DIR RESULTS.json

(``HAYSTACK_SUITE_ENGINE=stock`` runs it against haystack's own engine instead.)
SUITE_DIR holds the ``test_haystack`` package unpacked from the django-haystack
sdist (``tests/search/test_haystack_suite.py`` downloads it; haystack's code is
never committed here).  The suite runs with its own settings, apps, models and
fixtures; the installed ``haystack`` package is used, not the sdist's copy.

How the engine is swapped: haystack's test settings name
``haystack.backends.whoosh_backend.WhooshEngine`` for the whoosh connections, and
its ``WhooshTestCase`` wipes exactly the connections with that ENGINE string.  So
the settings are left as they are and, before any connection is opened, that
module attribute is pointed at our engine: every "whoosh" connection of the suite
then builds a ``ChineseWhooshBackend`` (checked below before anything runs).

Writes {test id: outcome} to RESULTS.json, outcome one of "passed", "failed",
"error", "skipped", "expected failure", "unexpected success".
"""

from __future__ import annotations

import json
import os
import sys
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SUITE_LABEL = "test_haystack.whoosh_tests"


class RecordingResult(unittest.TextTestResult):
    outcomes: dict[str, str] = {}

    def _record(self, test, outcome: str) -> None:
        RecordingResult.outcomes[test.id()] = outcome

    def addSuccess(self, test):
        super().addSuccess(test)
        self._record(test, "passed")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._record(test, "failed")

    def addError(self, test, err):
        super().addError(test, err)
        self._record(test, "error")

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._record(test, "skipped")

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._record(test, "expected failure")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._record(test, "unexpected success")

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._record(test, "failed")


def _flatten(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from _flatten(item)
        else:
            yield item


def main(suite_dir: str, results_path: str) -> int:
    sys.path[:0] = [suite_dir, str(REPO)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.search.haystack_suite.settings"
    os.chdir(suite_dir)  # the suite's SQLite file name is relative
    import django

    django.setup()
    import haystack.backends.whoosh_backend as stock
    from django.test.runner import DiscoverRunner
    from haystack import connections

    from search.engines.whoosh import ChineseWhooshBackend, ChineseWhooshEngine

    if os.environ.get("HAYSTACK_SUITE_ENGINE") != "stock":  # "stock": haystack's own, for comparison
        stock.WhooshEngine = ChineseWhooshEngine
    backend = connections["whoosh"].get_backend()
    if not isinstance(backend, ChineseWhooshBackend) and os.environ.get("HAYSTACK_SUITE_ENGINE") != "stock":
        print(f"the suite would run against {type(backend)!r}, not ours", file=sys.stderr)
        return 2

    not_run = [name for name in os.environ.get("HAYSTACK_SUITE_NOT_RUN", "").split(",") if name]

    class Runner(DiscoverRunner):
        def get_resultclass(self):
            return RecordingResult

        def build_suite(self, *args, **kwargs):
            suite = super().build_suite(*args, **kwargs)
            for test in _flatten(suite):
                if test.id() in not_run:  # e.g. would hang: reported as skipped, never started
                    setattr(
                        test,
                        test._testMethodName,
                        unittest.skip("not run (see the expected list)")(lambda: None),
                    )
            return suite

    runner = Runner(verbosity=int(os.environ.get("HAYSTACK_SUITE_VERBOSITY", "1")), interactive=False)
    runner.run_tests([SUITE_LABEL])
    Path(results_path).write_text(json.dumps(RecordingResult.outcomes, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
