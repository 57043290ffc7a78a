from django.db import migrations, models


def record_shipped(apps, schema_editor):
    # Until now cities kept the aliases they were loaded with, so what a city has is taken as what
    # was shipped (an alias an editor removed before this cannot be told from one never shipped;
    # the same assumption 0003 made for theme keywords). The next load_reference_data then adds
    # the aliases this release ships.
    City = apps.get_model("archive", "City")
    for city in City.objects.all():
        city.shipped_aliases = list(city.aliases or [])
        city.save(update_fields=["shipped_aliases"])


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0006_page_original_and_provenance"),
    ]

    operations = [
        migrations.AddField(
            model_name="city",
            name="shipped_aliases",
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name="随版本提供的别名"),
        ),
        migrations.RunPython(record_shipped, migrations.RunPython.noop),
    ]
