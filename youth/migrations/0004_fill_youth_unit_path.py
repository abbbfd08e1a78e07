from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Youth = apps.get_model("youth", "Youth")
    Unit = apps.get_model("units", "Unit")
    Youth.objects.update(unit_path=Subquery(Unit.objects.filter(pk=OuterRef("unit_id")).values("path")[:1]))


class Migration(migrations.Migration):
    dependencies = [("youth", "0003_youth_unit_path"), ("units", "0002_unit_code_help_text")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
