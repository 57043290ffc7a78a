"""Shared fixtures: the curated archive loaded once per test session, indexed in a real Whoosh index."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
CURATED = sorted((ROOT / "fixtures" / "curated").glob("*.json"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_archive", stdout=StringIO())
        call_command("ensure_index", "--force", stdout=StringIO())


@pytest.fixture
def reindex_after(db):
    """For tests that change indexed data: undo their database changes now (the index is not
    transactional), then rebuild the index so the next test sees the archive as loaded."""
    savepoint = transaction.savepoint()
    yield
    transaction.savepoint_rollback(savepoint)
    call_command("ensure_index", "--force", stdout=StringIO())
