from django.urls import path, re_path

from . import views

app_name = "reader"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("pages/<int:pk>/", views.page_detail, name="page"),
    path("pages/<int:pk>/image.png", views.page_image, name="page_image"),
    path("cities/<name:name>/", views.city_detail, name="city"),
    path("themes/<name:name>/", views.theme_detail, name="theme"),
    path("dates/", views.dates, name="dates"),
    path("dates/undated/", views.undated, name="undated"),
    path("dates/<int:year>/<int:month>/", views.month, name="month"),
    re_path(r"^articles/(?P<pk>\d+)/cite\.(?P<fmt>ris|bib)$", views.cite, name="cite"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("opensearch.xml", views.opensearch_xml, name="opensearch"),
]
