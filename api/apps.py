from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The JSON API, its OpenAPI description, exports and Atom feeds: for scripts and feed readers."""

    name = "api"
    verbose_name = "接口与订阅"
