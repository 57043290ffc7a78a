from django.apps import AppConfig


class EditorsConfig(AppConfig):
    """The editors' admin: curation, the review queue and page import."""

    name = "editors"
    verbose_name = "编辑工作台"
