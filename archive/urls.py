from django.urls import path, re_path

from . import feeds, views

app_name = "archive"
urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("pages/<int:pk>/", views.page_detail, name="page"),
    path("cities/<str:name>/", views.city_detail, name="city"),
    path("themes/<str:name>/", views.theme_detail, name="theme"),
    path("dates/", views.dates, name="dates"),
    path("dates/undated/", views.undated, name="undated"),
    path("dates/<int:year>/<int:month>/", views.month, name="month"),
    re_path(r"^articles/(?P<pk>\d+)/cite\.(?P<fmt>ris|bib)$", views.cite, name="cite"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("opensearch.xml", views.opensearch_xml, name="opensearch"),
    path("feeds/latest/", feeds.LatestArticles(), name="feed-latest"),
    path("feeds/cities/<str:name>/", feeds.CityArticles(), name="feed-city"),
    path("feeds/themes/<str:name>/", feeds.ThemeArticles(), name="feed-theme"),
    path("feeds/search/", feeds.SearchArticles(), name="feed-search"),
    path("api/", views.api_docs, name="api-docs"),
    path("api/openapi.json", views.api_schema, name="api-schema"),
    path("api/articles", views.api_articles, name="api-articles"),
    path("api/articles/<int:pk>", views.api_article, name="api-article"),
]
