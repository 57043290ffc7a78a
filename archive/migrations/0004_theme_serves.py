import django.db.models.deletion
from django.db import migrations, models

# what the release that introduced the field ships in archive/data/themes.json
SHIPPED = {"科技金融": "科技创新"}


def set_shipped(apps, schema_editor):
    # archives loaded before this release have the themes but not the link; load_archive sets it
    # only on themes it creates
    Theme = apps.get_model("archive", "Theme")
    themes = {t.name: t for t in Theme.objects.filter(name__in=[*SHIPPED, *SHIPPED.values()])}
    for name, served in SHIPPED.items():
        if name in themes and served in themes and themes[name].serves_id is None:
            themes[name].serves = themes[served]
            themes[name].save(update_fields=["serves"])


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0003_theme_shipped_keywords"),
    ]

    operations = [
        migrations.AddField(
            model_name="theme",
            name="serves",
            field=models.ForeignKey(
                blank=True,
                help_text="一节同时涉及上级领域与该领域时，标为本主题而不是上级领域（如科技金融服务于科技创新）",
                limit_choices_to={"parent__isnull": True},
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="served_by",
                to="archive.theme",
                verbose_name="服务领域",
            ),
        ),
        migrations.RunPython(set_shipped, migrations.RunPython.noop),
    ]
