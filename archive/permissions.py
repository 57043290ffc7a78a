"""Roles: editors curate the archive's content; only administrators manage users and settings."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

EDITOR_GROUP = "editor"
# Internal bookkeeping, not content: editors never see or change the index queue.
NOT_CONTENT = ("indextask",)


def editor_permissions():
    return Permission.objects.filter(content_type__app_label="archive").exclude(
        content_type__model__in=NOT_CONTENT
    )


def ensure_editor_group(**kwargs) -> Group:
    """Create the group and give it every content permission; permissions an administrator has
    added or removed since are left as they are only when they concern other apps."""
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    group.permissions.add(*editor_permissions())
    return group


def create_admin(*, username: str, password: str, email: str = "") -> tuple[object, bool]:
    """The first administrator; an existing user of that name is left unchanged."""
    users = get_user_model()
    existing = users.objects.filter(username=username).first()
    if existing is not None:
        return existing, False
    return users.objects.create_superuser(username=username, email=email, password=password), True


def create_editor(*, username: str, password: str, email: str = "") -> object:
    """A staff user in the editor group (for administrators and tests)."""
    user = get_user_model().objects.create_user(
        username=username, email=email, password=password, is_staff=True
    )
    user.groups.add(ensure_editor_group())
    return user
