"""The search index deleted: search answers 503 with a reason, the rest of the site keeps serving,
/healthz says so, and rebuilding restores search."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from archive.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_deleted():
    path = Path(settings.HAYSTACK_CONNECTIONS["default"]["PATH"])
    shutil.rmtree(path)
    path.mkdir()
    yield path
    call_command("ensure_index", "--force", stdout=StringIO())


def test_search_pages_answer_503_with_a_clear_message(client, index_deleted):
    html = client.get("/search/", {"q": "京蒙"})
    assert html.status_code == 503 and "检索索引暂时不可用" in html.content.decode()
    api = client.get("/api/search", {"q": "京蒙"})
    assert api.status_code == 503 and "ensure_index" in api.json()["error"]
    assert client.get("/api/search/export.csv", {"q": "京蒙"}).status_code == 503
    assert api["Retry-After"]


def test_articles_still_open_and_healthz_reports_the_index(client, index_deleted):
    article = Article.objects.first()
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(f"/api/articles/{article.pk}").status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json()["status"] == "degraded"


def test_rebuilding_restores_search(client, index_deleted):
    call_command("ensure_index", stdout=StringIO())
    assert client.get("/api/search", {"q": "京蒙"}).json()["count"] > 0
    assert client.get("/healthz").json()["status"] == "ok"
