# Takes over the table archive's migration 0002 created (archive_indextask): state only.

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("archive", "0005_indextask_to_search"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IndexTask",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("section_id", models.BigIntegerField(verbose_name="段落编号")),
                        ("created", models.DateTimeField(auto_now_add=True, verbose_name="加入时间")),
                    ],
                    options={
                        "verbose_name": "索引更新队列",
                        "verbose_name_plural": "索引更新队列",
                        "ordering": ["pk"],
                        "db_table": "archive_indextask",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
