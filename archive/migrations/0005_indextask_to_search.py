# The index-update queue belongs to the search layer: its model moved to search.models.
# The table stays; only Django's record of which app owns it changes (search 0001 takes it over).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0004_theme_serves"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="IndexTask")],
            database_operations=[],
        ),
    ]
