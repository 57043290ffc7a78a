from django.apps import AppConfig


class ReaderConfig(AppConfig):
    """The reader's web pages: home, search, articles, pages, places, themes, dates."""

    name = "reader"
    verbose_name = "读者页面"
