from django.urls import path, re_path

from . import export, feeds, views

app_name = "api"
urlpatterns = [
    path("api/", views.api_docs, name="api-docs"),
    path("api/openapi.json", views.api_schema, name="api-schema"),
    path("api/articles", views.api_articles, name="api-articles"),
    path("api/articles/<int:pk>", views.api_article, name="api-article"),
    path("api/search", views.api_search, name="api-search"),
    re_path(r"^api/search/export\.(?P<fmt>csv|json)$", export.export, name="export"),
    path("feeds/latest/", feeds.LatestArticles(), name="feed-latest"),
    path("feeds/cities/<name:name>/", feeds.CityArticles(), name="feed-city"),
    path("feeds/themes/<name:name>/", feeds.ThemeArticles(), name="feed-theme"),
    path("feeds/search/", feeds.SearchArticles(), name="feed-search"),
]
