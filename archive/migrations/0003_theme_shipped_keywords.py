from django.db import migrations, models


def record_shipped(apps, schema_editor):
    # Until now themes kept the keywords they were loaded with, so what a theme has is what was
    # shipped. (A keyword an editor removed before this migration cannot be told from one never
    # shipped; no archive had editors yet.)
    Theme = apps.get_model("archive", "Theme")
    for theme in Theme.objects.all():
        theme.shipped_keywords = list(theme.keywords or [])
        theme.save(update_fields=["shipped_keywords"])


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0002_review_queue_index_tasks"),
    ]

    operations = [
        migrations.AddField(
            model_name="theme",
            name="shipped_keywords",
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name="随版本提供的关键词"),
        ),
        migrations.RunPython(record_shipped, migrations.RunPython.noop),
    ]
