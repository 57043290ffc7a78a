from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, register_converter

from config.converters import NameConverter
from reader.sitemaps import SITEMAPS

register_converter(NameConverter, "name")  # /cities/<name:…>/ in reader/, /feeds/cities/<name:…>/ in api/

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("reader.urls")),
    path("", include("api.urls")),
]
