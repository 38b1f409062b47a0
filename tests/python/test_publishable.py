"""Publishable marts (`marts.*_public`) and productivity on the bundled sample.

The rule (minimum-data spec, "Small numbers and privacy"): a count of persons
from 1 to 4 is hidden, and so is every measure computed from it; 0 is shown;
`is_suppressed` flags the rows where anything was hidden. The person counts
of each public mart are the YAML columns with `meta: {person_count: true}`
(read here from dbt's manifest).
"""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import plain
from tietopohja.dbt_runner import run_dbt


def manifest(build) -> dict:
    return json.loads((build.db_path.parent / "dbt_target" / "manifest.json").read_text())


def public_models(build) -> dict[str, dict]:
    """The `*_public` models of models/marts/publishable/, by name."""
    return {
        node["name"]: node
        for node in manifest(build)["nodes"].values()
        if node["resource_type"] == "model" and node["original_file_path"].startswith("models/marts/publishable/")
    }


def person_counts(node: dict) -> list[str]:
    cols = []
    for col in node["columns"].values():
        meta = {**(col.get("meta") or {}), **((col.get("config") or {}).get("meta") or {})}
        if meta.get("person_count"):
            cols.append(col["name"])
    return cols


def key_columns(node: dict, build) -> list[str]:
    for test in manifest(build)["nodes"].values():
        if (
            test["resource_type"] == "test"
            and test.get("attached_node") == node["unique_id"]
            and (test.get("test_metadata") or {}).get("name") == "unique_combination_of_columns"
        ):
            kwargs = test["test_metadata"]["kwargs"]
            return kwargs.get("combination_of_columns") or kwargs["arguments"]["combination_of_columns"]
    raise AssertionError(f"no primary-key test on {node['name']}")


def test_every_public_mart_is_built_and_declares_person_counts(sample_build):
    models = public_models(sample_build)
    assert len(models) >= 16, sorted(models)
    for name, node in models.items():
        assert name.endswith("_public")
        assert person_counts(node), f"{name} declares no person_count column"
        assert node["config"]["contract"]["enforced"], name
        # then the internal mart's value_status, unchanged (a hidden value is not a status)
        assert list(node["columns"])[-2:] == ["is_suppressed", "value_status"], name
        rows = sample_build.scalar(f"select count(*) from marts.{name}")
        assert rows > 0, f"{name} is empty on the sample"
        assert sample_build.scalar(f"select count(*) from marts.{name} where is_suppressed is null") == 0


def test_no_person_count_from_1_to_4_is_shown(sample_build):
    checked = 0
    for name, node in public_models(sample_build).items():
        for col in person_counts(node):
            shown = sample_build.scalar(f"select count(*) from marts.{name} where {col} between 1 and 4")
            assert shown == 0, (name, col)
            checked += 1
    assert checked >= 40


def test_internal_marts_do_have_small_counts_so_suppression_is_exercised(sample_build):
    hidden = sample_build.scalar("select count(*) from marts.service_use_per_1000 where clients between 1 and 4")
    assert hidden > 0
    assert sample_build.scalar(
        "select count(*) from marts.service_use_per_1000_public where clients is null"
    ) == sample_build.scalar(
        "select count(*) from marts.service_use_per_1000 where clients is null or clients between 1 and 4"
    )


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return a == b


@pytest.mark.parametrize(
    "name",
    [
        "availability_waits_by_service_public",
        "client_feedback_public",
        "client_service_coordination_public",
        "emergency_revisits_7d_public",
        "heavy_users_public",
        "morbidity_per_1000_public",
        "personnel_by_organisation_public",
        "readmissions_30d_public",
        "service_productivity_public",
        "service_unit_costs_public",
        "service_use_by_resident_group_public",
        "service_use_per_1000_public",
    ],
)
def test_public_mart_equals_internal_where_nothing_is_hidden(sample_build, name):
    """Row for row the internal mart; a row not flagged is identical to it,
    and a flagged row really lacks a value the internal mart has."""
    node = public_models(sample_build)[name]
    internal = name.removesuffix("_public")
    keys = key_columns(node, sample_build)
    cols = [c for c in node["columns"] if c != "is_suppressed"]
    on = " and ".join(f"p.{k} is not distinct from i.{k}" for k in keys)
    select = ", ".join(f"p.{c}, i.{c}" for c in cols)
    rows = sample_build.query(
        f"select p.is_suppressed, {select} from marts.{name} as p full outer join marts.{internal} as i on {on}"
    )
    assert len(rows) == sample_build.scalar(f"select count(*) from marts.{internal}")
    flagged = 0
    for row in rows:
        suppressed, values = row[0], row[1:]
        assert suppressed is not None, "a row only in one of the two marts"
        pairs = list(zip(values[0::2], values[1::2], strict=True))
        hidden = [c for c, (p, i) in zip(cols, pairs, strict=True) if p is None and i is not None]
        changed = [c for c, (p, i) in zip(cols, pairs, strict=True) if p is not None and not _same(p, i)]
        assert not changed, (name, changed, row)
        assert bool(hidden) == suppressed, (name, hidden, row)
        flagged += suppressed
    # heavy_users: in the sample's delivered periods the top 10 % are at least 38 persons, nothing to
    # hide (the rows it hid were the not-delivered December 2023's, now NULL); its unit test hides
    least = 0 if name == "heavy_users_public" else 1
    assert least <= flagged < len(rows), (name, flagged)


def test_no_identity_codes_names_or_free_text_in_public_marts(sample_build):
    hetu = re.compile(r"^\d{6}[-+ABCDEFYXWVU]\d{3}[0-9A-Y]$")
    forbidden = re.compile(r"hetu|pseudonym|person_id|raw_values|reasons|free_text|comment|^unit_name$|^name$")
    con = duckdb.connect(str(sample_build.db_path), read_only=True)
    try:
        for name in public_models(sample_build):
            columns = con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = 'marts' and table_name = ?",
                [name],
            ).fetchall()
            for column, data_type in columns:
                assert not forbidden.search(column), (name, column)
                if data_type == "VARCHAR":
                    values = con.execute(f"select distinct {column} from marts.{name}").fetchall()
                    assert not any(v and hetu.match(v) for (v,) in values), (name, column)
    finally:
        con.close()


def test_singular_test_fails_when_a_small_count_is_shown(sample_build, tmp_path):
    """assert_public_marts_hide_small_counts is not a test that cannot fail:
    on a copy of the sample build with one small count put back, it fails."""
    db = tmp_path / "tampered.duckdb"
    shutil.copy(sample_build.db_path, db)
    con = duckdb.connect(str(db))
    try:
        con.execute(
            "update marts.heavy_users_public set top_clients = 3 "
            "where period_start = (select min(period_start) from marts.heavy_users_public)"
        )
    finally:
        con.close()
    result = run_dbt(
        ["test", "-s", "assert_public_marts_hide_small_counts"],
        db_path=db,
        landing_dir=sample_build.landing_dir,
        work_dir=tmp_path,
    )
    assert not result.ok, plain(result.output)[-3000:]
    assert "assert_public_marts_hide_small_counts" in plain(result.output)


def test_productivity_on_the_sample(sample_build):
    """Cost per output is service_unit_costs' cost per the service's kind;
    outputs per worked HTV = outputs ÷ worked HTV; the HTV attributed to the
    services of a month is the HTV of the cost centres that had outputs."""
    mismatched = sample_build.scalar(
        """
        select count(*)
        from marts.service_productivity as p
        inner join marts.service_unit_costs as u
            on p.county_code = u.county_code and p.period_grain = u.period_grain
            and p.period_start = u.period_start and p.service_code = u.service_code and u.segment is null
        where p.cost_per_output_eur is distinct from case p.output_kind
            when 'visit' then u.cost_per_visit_eur
            when 'care_day' then u.cost_per_care_day_eur
            when 'service_day' then u.cost_per_service_day_eur end
        """
    )
    assert mismatched == 0
    assert (
        sample_build.scalar(
            "select count(*) from marts.service_productivity "
            "where htv_worked > 0 and abs(outputs_per_htv_worked - outputs / htv_worked) > 1e-9"
        )
        == 0
    )
    assert (
        sample_build.scalar(
            "select count(*) from marts.service_productivity where outputs_per_htv_worked > 0 and period_grain = 'year'"
        )
        > 10
    )
    attributed, producing = sample_build.query(
        """
        select
            (select sum(htv_worked) from intermediate.int_service_htv_attributed),
            (select sum(h.htv_worked) from intermediate.int_cost_center_htv_monthly as h
             where exists (select 1 from intermediate.int_outputs_monthly_aggregated as o
                           where o.cost_center = h.cost_center and o.month_start = h.month_start))
        """
    )[0]
    assert attributed > 0
    assert math.isclose(attributed, producing, rel_tol=1e-9)


def test_public_sql_files_and_yaml_agree(sample_build):
    """One SQL and one YAML entry per public mart; the folder has nothing else."""
    folder = Path(__file__).resolve().parents[2] / "models" / "marts" / "publishable"
    sql = {p.stem for p in folder.glob("*.sql")}
    assert sql == set(public_models(sample_build))
