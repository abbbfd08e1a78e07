"""A trigram index for the diacritic-free name search on PostgreSQL.

`name_key LIKE '%…%'` cannot use a B-tree; pg_trgm's GIN index serves it. SQLite has no such
index type, and there the search scans, which is fine at a commune's scale; so this step runs
on PostgreSQL only. pg_trgm is a trusted extension: the database owner may create it.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS youth_name_key_trgm ON youth_youth USING gin (name_key gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS youth_name_key_trgm"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("youth", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
