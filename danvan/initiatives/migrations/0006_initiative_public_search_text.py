# The public showcase searches a folded column in the database (name, unit, body — never the honoree's name)
# instead of pulling every match of ``search_text`` into Python to drop those found only in the honoree's name.

import re
import unicodedata

from django.db import migrations, models

_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_SPACES = re.compile(r"\s+")
BATCH = 2000


def _fold(text):
    # A frozen copy of danvan.core.text.fold (migrations do not import application code that may change).
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP).lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", unicodedata.normalize("NFC", stripped)).strip()


def fill_public_search_text(apps, schema_editor):
    Initiative = apps.get_model("initiatives", "Initiative")
    rows = Initiative.objects.select_related("unit", "organization").order_by("pk")
    changed = []
    for initiative in rows.iterator(chunk_size=BATCH):
        initiative.public_search_text = _fold(
            f"{initiative.name} {initiative.unit.name} {initiative.organization.name}"
        )[:600]
        changed.append(initiative)
        if len(changed) >= BATCH:
            Initiative.objects.bulk_update(changed, ["public_search_text"])
            changed = []
    if changed:
        Initiative.objects.bulk_update(changed, ["public_search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0005_recognition_authority_effective_dated_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="public_search_text",
            field=models.CharField(default="", editable=False, max_length=600),
        ),
        migrations.RunPython(fill_public_search_text, migrations.RunPython.noop),
    ]
