"""A short load test in CI: real gunicorn, concurrent readers, an editor; no errors, index sound."""

from tests.reliability.loadtest import run


def test_a_short_load_run_has_no_errors_and_leaves_the_index_equal_to_the_database():
    report = run(clients=4, seconds=8)
    assert report["requests"] > 0
    assert report["errors"] == 0, report["error_examples"]
    assert report["edits"] >= 1
    assert report["check_index_exit"] == 0 and report["check_index"] == ["0"]
