from django.db import migrations


def count_provinces(apps, schema_editor):
    """The dossiers' month cube counts every province again under its own rows (decision 0038): from its units'
    rows. (The cubes the database keeps are counted again by ``core.month_cube.keep_cubes`` after this migrate: their
    triggers changed.)"""
    from danvan.core.month_cube import Month, MonthCube

    MonthCube(
        name="dossiers",
        records=apps.get_model("reporting", "Dossier"),
        cube=apps.get_model("reporting", "DossierMonth"),
        columns=("unit_path", "province_code", "status", "channel"),
        months=(Month("received_on"), Month("finished_on"), Month("due_on", shift=1, open_until="finished_on")),
    ).recount_provinces(None)


def forget_provinces(apps, schema_editor):
    apps.get_model("reporting", "DossierMonth").objects.filter(unit_path__startswith="*").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0107_feedback_month_cube"),
    ]

    operations = [migrations.RunPython(count_provinces, forget_provinces)]
