from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "报道档案"

    def ready(self) -> None:
        # Django's documented place for wiring: auth models cannot be imported before the registry is ready
        from . import permissions

        # after every migrate, so the group also exists on a fresh database and in tests
        post_migrate.connect(permissions.ensure_editor_group, sender=self, dispatch_uid="archive.permissions")
