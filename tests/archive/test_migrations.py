import importlib

import pytest
from django.apps import apps

from archive.models import Theme

pytestmark = pytest.mark.django_db

theme_serves = importlib.import_module("archive.migrations.0004_theme_serves")


def test_an_archive_loaded_before_served_fields_existed_gets_the_shipped_link_on_upgrade():
    # as an archive loaded by an earlier release has it: the themes, no link
    Theme.objects.update(serves=None)
    theme_serves.set_shipped(apps, None)
    assert Theme.objects.get(name="科技金融").serves.name == "科技创新"
    assert not Theme.objects.exclude(name="科技金融").filter(serves__isnull=False).exists()


def test_the_upgrade_leaves_a_link_an_editor_already_chose():
    Theme.objects.filter(name="科技金融").update(serves=Theme.objects.get(name="现代产业"))
    theme_serves.set_shipped(apps, None)
    assert Theme.objects.get(name="科技金融").serves.name == "现代产业"
