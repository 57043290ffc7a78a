from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "报道档案"

    def ready(self) -> None:
        from . import queue, roles

        queue.connect_signals()
        # after every migrate, so the group also exists on a fresh database and in tests
        post_migrate.connect(roles.ensure_editor_group, sender=self, dispatch_uid="archive.roles")
