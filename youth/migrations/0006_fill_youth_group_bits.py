from django.db import migrations

# Frozen here: the bit of each target group at the time of this migration.
GROUP_BITS = {
    "disability": 1,
    "serious_illness": 2,
    "poverty": 4,
    "unemployment": 8,
    "ethnic_minority": 16,
    "rehabilitation": 32,
    "reintegration": 64,
}


def fill(apps, schema_editor):
    Youth = apps.get_model("youth", "Youth")
    YouthGroup = apps.get_model("youth", "YouthGroup")
    for code, bit in GROUP_BITS.items():
        members = YouthGroup.objects.filter(group=code).values("youth_id")
        # Each group's bit is added once per record: a record is in a group at most once.
        Youth.objects.filter(pk__in=members).update(group_bits=models_add(bit))


def models_add(bit):
    from django.db.models import F

    return F("group_bits") + bit


class Migration(migrations.Migration):
    dependencies = [("youth", "0005_youth_group_bits")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
