"""The models' documentation stays in step with the landing contract and the models.

- The committed base and staging YAML is exactly what ``tietopohja
  schema-docs`` writes from the source YAML and the sample build's columns.
- Every model, seed and column dbt knows has a description, and every column
  a built model really has is documented.
"""

from __future__ import annotations

import difflib
import json

from tietopohja import schema_docs
from tietopohja.paths import PROJECT_DIR


def test_staging_yaml_is_generated_from_the_contract(sample_build):
    docs = schema_docs.build_yaml(schema_docs._duckdb_columns(sample_build.db_path))
    # one models YAML for base and one for staging, per system
    assert len(docs) == 2 * len(schema_docs.load_sources()) == 14  # delivery: the coverage declaration
    for path, doc in docs.items():
        expected = schema_docs.render(doc)
        committed = path.read_text(encoding="utf-8")
        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(keepends=True),
                expected.splitlines(keepends=True),
                fromfile=str(path.relative_to(PROJECT_DIR)),
                tofile="tietopohja schema-docs",
            )
        )
        assert committed == expected, f"run `tietopohja schema-docs --db <build>`:\n{diff[:4000]}"


def test_every_staging_column_comes_from_the_contract(sample_build):
    """Every column of every base and staging model is described (no UserError)."""
    columns_of = schema_docs._duckdb_columns(sample_build.db_path)
    docs = schema_docs.build_yaml(columns_of)
    models = [m for doc in docs.values() for m in doc["models"]]
    assert len(models) == 21 + 19  # every base model (delivery/coverage too); staging has the HR layouts merged
    for model in models:
        assert [c["name"] for c in model["columns"]] == columns_of(model["name"])


def _undocumented(sample_build) -> set[tuple[str, str | None]]:
    manifest = json.loads((sample_build.db_path.parent / "dbt_target" / "manifest.json").read_text(encoding="utf-8"))
    columns: dict[tuple[str, str], list[str]] = {}
    for schema, table, column in sample_build.query(
        "select table_schema, table_name, column_name from information_schema.columns order by ordinal_position"
    ):
        columns.setdefault((schema, table), []).append(column)
    missing: set[tuple[str, str | None]] = set()
    nodes = [n for n in manifest["nodes"].values() if n["resource_type"] in ("model", "seed")]
    assert len(nodes) > 50
    for node in nodes:
        uid = node["unique_id"]
        if not (node.get("description") or "").strip():
            missing.add((uid, None))
        for name, col in node["columns"].items():
            if not (col.get("description") or "").strip():
                missing.add((uid, name))
        built = columns.get((node["schema"], node["alias"]))
        assert built is not None, f"{uid} is not in the database"
        for name in built:
            if name not in node["columns"]:
                missing.add((uid, name))
        # documented columns the model does not have
        assert set(node["columns"]) <= set(built), (uid, set(node["columns"]) - set(built))
    return missing


def test_every_model_and_column_has_a_description(sample_build):
    assert _undocumented(sample_build) == set()
