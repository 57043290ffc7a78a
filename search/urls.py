from django.urls import path, re_path

from . import export, views

app_name = "search"
urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("api/search", views.api_search, name="api-search"),
    re_path(r"^api/search/export\.(?P<fmt>csv|json)$", export.export, name="export"),
]
