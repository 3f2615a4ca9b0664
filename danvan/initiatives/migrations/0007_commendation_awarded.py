from django.db import migrations, models

from danvan.core.migration_ops import AddIndexOnline

# A period's commendations by their date (the report's count of commendations; SQLite walked every initiative of the
# place to reach them). Online (docs/decisions/0017).


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("initiatives", "0006_initiative_public_search_text"),
    ]

    operations = [
        AddIndexOnline(model_name="commendation", index=models.Index(fields=["awarded_on"], name="commendation_awarded")),
    ]
