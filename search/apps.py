from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "检索"

    def ready(self) -> None:
        # Django's documented place for wiring: the queue imports models, loadable only once the registry is
        from . import queue

        queue.connect_signals()  # the domain announces changes; the index-update queue listens
