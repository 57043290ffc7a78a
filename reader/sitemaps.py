"""sitemap.xml: every article, page view, city and theme page."""

from django.contrib.sitemaps import Sitemap

from archive.models import Article, City, Page, Theme


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Article.objects.select_related("page").order_by("pk")

    def lastmod(self, item: Article):
        return item.page.created


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.order_by("pk")

    def lastmod(self, item: Page):
        return item.created


class CitySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return City.objects.order_by("pk")


class ThemeSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Theme.objects.order_by("pk")


SITEMAPS = {"articles": ArticleSitemap, "pages": PageSitemap, "cities": CitySitemap, "themes": ThemeSitemap}
