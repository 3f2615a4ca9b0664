"""Co-signers of a denunciation get person keys too, so a letter from any of them finds the earlier case.

Existing vault rows get theirs from `danvan vault_rotate` (it decrypts each row and writes the missing keys).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_fewer_indexes_on_cases"),
    ]

    operations = [
        migrations.CreateModel(
            name="CosignerKey",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("person_key", models.CharField(db_index=True, editable=False, max_length=64)),
                (
                    "denouncer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="cosigner_keys", to="cases.denouncer"
                    ),
                ),
            ],
        ),
    ]
