"""Full-text search index on PostgreSQL; a no-op on other databases (SQLite searches with icontains).

The indexed expression must stay identical to contributions.models.search_vector(), which is what
Django renders for SearchVector("symbol", "title", "summary", config="simple")."""

from django.db import migrations

INDEX = "contributions_document_search_gin"
CREATE = f"""
CREATE INDEX IF NOT EXISTS {INDEX} ON contributions_document USING gin (
    to_tsvector('simple'::regconfig,
        COALESCE(symbol, '') || ' ' || COALESCE(title, '') || ' ' || COALESCE(summary, ''))
)
"""
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("contributions", "0001_documents_symbols_deadlines_audit")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
