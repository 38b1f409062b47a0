"""dbt docs a data engineer can trust.

- ``dbt docs generate`` works on the sample build: the catalog has every mart
  with the columns the YAML documents, the site has the project overview and
  every source table (one per landing entity) with its contract.
- The exposures (dashboard, exports, national comparison, BI tools) exist,
  have owners and read only publishable marts, the measure register and the
  named dimensions; the export exposure lists exactly what ``tietopohja
  export`` writes.
- Descriptions of marts, their columns, exposures, semantic models, metrics
  and sources follow "Finnish business term — English explanation".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

from tietopohja.dbt_runner import run_dbt
from tietopohja.dimensions import DIMENSIONS
from tietopohja.export import export_tables

#: "Hoitopäivät — inpatient and 24-hour care days": a term, an em dash, English
FINNISH_THEN_ENGLISH = re.compile(r"[^—\n]{1,80}? — \S")


def _publishable(manifest: dict) -> set[str]:
    """What leaves the warehouse: the publishable marts (*_public and the county comparison), the
    measure register and the named dimensions (models/marts/reference/)."""
    return {
        uid
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] == "model"
        and (
            node["name"].endswith("_public")
            or node["name"] == "key_figures_county_comparison"
            or (node["name"] in DIMENSIONS and node["fqn"][1:3] == ["marts", "reference"])
        )
    }


#: source descriptions that may break the pattern (none)
KNOWN_SOURCE_EXCEPTIONS: set = set()


@pytest.fixture(scope="module")
def docs_site(sample_build, tmp_path_factory) -> Path:
    """``dbt docs generate`` on the sample build; returns its target folder."""
    work = tmp_path_factory.mktemp("docs")
    result = run_dbt(["docs", "generate"], db_path=sample_build.db_path, work_dir=work)
    assert result.ok, result.output[-5000:]
    return work / "dbt_target"


@pytest.fixture(scope="module")
def manifest(docs_site) -> dict:
    return json.loads((docs_site / "manifest.json").read_text(encoding="utf-8"))


def _text(description: str | None) -> str:
    return " ".join((description or "").split())


def _marts(manifest: dict) -> list[dict]:
    return [
        n
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and n["package_name"] == "tietopohja" and n["fqn"][1] == "marts"
    ]


def test_docs_generate_catalogues_every_mart(docs_site, manifest):
    catalog = json.loads((docs_site / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["errors"] is None
    assert (docs_site / "index.html").exists()
    marts = _marts(manifest)
    assert len(marts) >= 30
    names = {m["name"] for m in marts}
    assert {"key_figures", "key_figures_public", "key_figures_county_comparison", "time_spine_days"} <= names
    for mart in marts:
        uid = mart["unique_id"]
        assert uid in catalog["nodes"], f"{uid} not in the catalog"
        built = {c.lower() for c in catalog["nodes"][uid]["columns"]}
        assert built == set(mart["columns"]), uid
        # the publishable marts in schema public, the others in marts
        public = mart["name"].endswith("_public") or mart["name"] == "key_figures_county_comparison"
        assert catalog["nodes"][uid]["metadata"]["schema"] == ("public" if public else "marts"), uid


def test_sources_are_the_landing_contract(manifest):
    """Every landing entity is a source table; every table and column described and typed."""
    sources = [s for s in manifest["sources"].values() if s["package_name"] == "tietopohja"]
    assert {s["source_name"] for s in sources} == {
        "delivery",
        "finance",
        "hr",
        "org",
        "patient",
        "population",
        "social",
    }
    assert len(sources) == 21  # one per landing entity, both HR layouts, delivery/coverage
    for source in sources:
        uid = source["unique_id"]
        assert _text(source["description"]), uid
        assert _text(source["source_description"]), uid
        assert len(source["columns"]) >= 3, uid
        for name, column in source["columns"].items():
            assert _text(column["description"]), (uid, name)
            assert column["data_type"], (uid, name)


def test_overview_page(manifest):
    overview = manifest["docs"]["doc.tietopohja.__overview__"]["block_contents"]
    for words in (
        "Kerrokset",
        "landing contract",
        "_sources.yml",
        "key_figures_public",
        "Semantic layer",
        "exposures",
        "Tietosuoja",
        "person_pseudonym",
        "TIETOPOHJA_PSEUDONYM_KEY",
    ):
        assert words in overview, words
    # the links inside the docs site point at nodes that exist
    for kind, target in re.findall(r"\(#!/(model|source_list)/([^)]+)\)", overview):
        if kind == "model":
            assert target in manifest["nodes"], target
        else:
            assert any(s["source_name"] == target for s in manifest["sources"].values()), target


def _model_dependencies(manifest: dict, uid: str) -> set[str]:
    """The models an exposure, metric or semantic model finally reads."""
    if uid.startswith("model."):
        return {uid}
    node = manifest["exposures"].get(uid) or manifest["metrics"].get(uid) or manifest["semantic_models"].get(uid)
    assert node is not None, uid
    found: set[str] = set()
    for dep in node["depends_on"]["nodes"]:
        found |= _model_dependencies(manifest, dep)
    return found


#: the internal marts an exposure may read besides the publishable ones: the dashboard's "what changed"
#: reads the revision history (no person counts in the builds and files; report.py shows a value of
#: key_figure_revisions only where key_figures_public shows the figure, tested in test_revisions.py)
INTERNAL_READS = {
    "key_figures_dashboard": {
        f"model.tietopohja.{name}"
        for name in ("key_figure_builds", "key_figure_revisions", "key_figure_revision_files")
    }
}


def test_exposures_read_only_publishable_marts(manifest, sample_build):
    exposures = {e["name"]: e for e in manifest["exposures"].values()}
    assert set(exposures) == {
        "key_figures_dashboard",
        "publishable_mart_exports",
        "national_county_comparison",
        "bi_tools_key_figures",
    }
    for name, exposure in exposures.items():
        assert exposure["owner"]["name"] or exposure["owner"]["email"], name
        assert exposure["depends_on"]["nodes"], name
        models = _model_dependencies(manifest, exposure["unique_id"]) - INTERNAL_READS.get(name, set())
        assert models and models <= _publishable(manifest), (name, models - _publishable(manifest))
    assert any(d.startswith("metric.") for d in exposures["bi_tools_key_figures"]["depends_on"]["nodes"])

    # the export exposure lists exactly what `tietopohja export` writes
    con = duckdb.connect(str(sample_build.db_path), read_only=True)
    try:
        exported = {f"model.tietopohja.{name}" for name, _ in export_tables(con)}
    finally:
        con.close()
    assert set(exposures["publishable_mart_exports"]["depends_on"]["nodes"]) == exported == _publishable(manifest)
    assert {f"model.tietopohja.{name}" for name in DIMENSIONS} <= exported


def _descriptions(manifest: dict):
    """(unique_id, column or None, description) of everything a reader of the marts sees."""
    for node in _marts(manifest):
        yield node["unique_id"], None, node["description"]
        for name, col in node["columns"].items():
            yield node["unique_id"], name, col["description"]
    for exposure in manifest["exposures"].values():
        yield exposure["unique_id"], None, exposure["description"]
    for sm in manifest["semantic_models"].values():
        yield sm["unique_id"], None, sm["description"]
        for part in ("entities", "dimensions", "measures"):
            for item in sm[part]:
                yield sm["unique_id"], item["name"], item["description"]
    for metric in manifest["metrics"].values():
        yield metric["unique_id"], None, metric["description"]


def test_descriptions_are_finnish_term_then_english(manifest):
    seen = 0
    for uid, column, description in _descriptions(manifest):
        seen += 1
        text = _text(description)
        assert FINNISH_THEN_ENGLISH.match(text), (uid, column, text[:100])
    assert seen > 300


def test_source_descriptions_are_finnish_term_then_english(manifest):
    offenders = set()
    for source in manifest["sources"].values():
        if not FINNISH_THEN_ENGLISH.match(_text(source["description"])):
            offenders.add((source["unique_id"], None))
        for name, col in source["columns"].items():
            if not FINNISH_THEN_ENGLISH.match(_text(col["description"])):
                offenders.add((source["unique_id"], name))
    assert offenders == KNOWN_SOURCE_EXCEPTIONS


def test_the_repository_carries_the_specification():
    """docs/ is the clone's copy of the user-facing spec: linked from the README, equal to ../shared/spec."""
    project = Path(__file__).resolve().parents[2]
    docs = project / "docs"
    names = ["landing-contract.md", "minimum-data.md", "service-catalogue.md"]
    readme = (project / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert (docs / name).read_text(encoding="utf-8").startswith("# ")
        assert f"docs/{name}" in readme or name in (docs / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"\]\(\.\./", readme), "README links outside the repository"
    shared = project.parent / "shared" / "spec"
    if not shared.is_dir():
        pytest.skip("no ../shared/spec beside this clone to compare with")
    for name in names:
        assert (docs / name).read_bytes() == (shared / name).read_bytes(), name
