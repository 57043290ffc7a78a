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
