from django.urls import path

from . import views

app_name = "archive"
urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("pages/<int:pk>/", views.page_detail, name="page"),
    path("cities/<str:name>/", views.city_detail, name="city"),
    path("themes/<str:name>/", views.theme_detail, name="theme"),
    path("healthz", views.healthz, name="healthz"),
    path("api/articles", views.api_articles, name="api-articles"),
    path("api/articles/<int:pk>", views.api_article, name="api-article"),
]
