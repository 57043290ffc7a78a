"""Security headers and escaping that every page carries."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/search/?q=包头", "/api/search?q=包头", "/admin/login/", "/healthz"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_page_of_ours_has_an_inline_script(client):
    from archive.models import Article, City

    article = Article.objects.first()
    for path in [
        "/",
        "/search/?q=京蒙",
        article.get_absolute_url(),
        City.objects.first().get_absolute_url(),
        "/api/",
    ]:
        html = client.get(path).content.decode()
        for chunk in html.split("<script")[1:]:
            assert 'src="' in chunk.split(">")[0], path


def test_admin_logins_are_rate_limited_after_repeated_failures(client):
    from django.core.cache import cache

    cache.clear()
    statuses = [
        client.post("/admin/login/", {"username": "nobody", "password": f"wrong{i}"}).status_code
        for i in range(7)
    ]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]
    assert "次数过多" in client.post("/admin/login/", {"username": "x", "password": "y"}).content.decode()
    cache.clear()


def test_the_admin_is_closed_to_anonymous_readers(client):
    response = client.get("/admin/archive/article/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_forms_that_change_data_require_a_csrf_token():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/admin/login/", {"username": "a", "password": "b"}).status_code == 403
