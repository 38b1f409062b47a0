"""``tietopohja schema-docs``: write the YAML of the staging models.

The landing contract lives in one place, the source YAML of each system
(``models/staging/<system>/_<system>__sources.yml``): column names, types,
rules and descriptions. The base and staging models' YAML repeats those
descriptions for every column and adds their primary-key tests; writing it
by hand would let the two drift apart. This command generates it from the
source YAML and the columns of the built models (read from the DuckDB file of
a build), and fails when a column has no description. A test checks that the
committed YAML is what this command writes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from tietopohja.errors import UserError
from tietopohja.paths import PROJECT_DIR

STAGING_DIR = PROJECT_DIR / "models" / "staging"

#: descriptions of the columns the base and staging models add to the contract
DERIVED = {
    "_source_file": "Lähdetiedosto — landing file of the row, relative to TIETOPOHJA_LANDING_DIR.",
    "_file_order": "Tiedoston järjestys — position of the file in file-name order (later files win).",
    "_file_fingerprint": "Tiedoston tunniste — fingerprint of the file when it was read (its MD5, or its size and "
    "modification time above 32 MiB) and of the entity's rules: a later build reads the file again only when it "
    'changed (README, "Monthly deliveries"); NULL on Spark.',
    "_source_line": "Rivinumero — line of the row in its file, counting rows: 1 = header, 2 = first row (empty "
    "lines are skipped and a quoted value over several lines counts once, so after them the number can be "
    "smaller than the editor's line number; Parquet rows are numbered the same way).",
    "_dialect": "Murre — the file's dialect: `canonical` (`,`), `fi` (Finnish locale, `;`) or `parquet`.",
    "_extra_fields": "Ylimääräiset kentät — what a CSV row had beyond its header's fields (the row is "
    "quarantined as too_many_fields), hetu-shaped tokens redacted; NULL otherwise.",
    "_invalid_reason": "Hylkäyksen syy — the first rule the row breaks (reason code), NULL when valid.",
    "_invalid_reasons": "Hylkäyksen syyt — every rule the row breaks, as `reason(column)` items.",
    "_rank_in_file": "Järjestys tiedostossa — occurrence of the row's key within its file among valid rows "
    "(1 = first, kept).",
    "_file_rank": "Toimituksen järjestys — rank of the row's file among the files delivering the key "
    "(1 = latest, wins).",
    "_latest_file": "Viimeisin tiedosto — the latest file that delivered the row's key.",
    "_reasons": "Syyt — human-readable reasons the row did not reach staging, NULL when staged.",
    "_status": "Tila — `staged`, `quarantined` (broke a rule) or `superseded` (a later file delivered the key).",
    "_raw_values": "Raakaarvot — the row's values as delivered, `column=value | ...`, for the quarantine "
    "(rows not staged; NULL for staged rows): hetu columns and every hetu-shaped token redacted.",
    "_reason_code": "Syykoodi — reason code: missing_required, invalid_date, invalid_timestamp, invalid_number, "
    "invalid_bool, invalid_format, invalid_hetu, unknown_code, out_of_range, end_before_start, future_date, "
    "too_many_fields, unterminated_quote, duplicate_key_in_file, superseded.",
    "person_pseudonym": "Henkilöpseudonyymi — keyed pseudonym of the person's hetu (TIETOPOHJA_PSEUDONYM_KEY); "
    "the same person has the same pseudonym in every system. Computed where the row is read; the hetu itself "
    "is stored nowhere. NULL when the hetu is invalid.",
    "birth_date": "Syntymäaika — birth date derived from the hetu (NULL when the hetu is invalid).",
    "sex": "Sukupuoli — 1 male, 2 female (from the hetu's individual number, or as delivered).",
    "employee_pseudonym": "Henkilöstöpseudonyymi — keyed pseudonym of the personnel number.",
    "source_layout": "Lähdejärjestelmä — HR layout the row comes from: `employments`/`absences` (canonical), "
    "`palvelussuhteet`/`poissaolot` (second payroll system) or `both`.",
}

#: staging models built from more than one base model
MERGED = {
    "stg_hr__employments": ("hr", "employments"),
    "stg_hr__absences": ("hr", "absences"),
}


def load_sources() -> dict[str, dict]:
    """system -> {table name -> table dict} from the source YAML files."""
    sources: dict[str, dict] = {}
    for path in sorted(STAGING_DIR.glob("*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]:
            sources[source["name"]] = {t["name"]: t for t in source["tables"]}
    return sources


def _contract_descriptions(table: dict) -> dict[str, str]:
    out = {}
    for col in table["columns"]:
        meta = (col.get("config") or {}).get("meta") or {}
        out[meta.get("contract_name", col["name"])] = col["description"]
    return out


def _describe(name: str, contract: dict[str, str]) -> str:
    if name in DERIVED:
        return DERIVED[name]
    if name in contract:
        return contract[name]
    raise UserError(f"no description for column {name!r}: add it to the source YAML or DERIVED")


def _key_tests(key: list[str], required: list[str] | None = None) -> list[dict]:
    """A composite key's tests: unique together, and the ``required`` parts not null (one model-level
    test). A one-column key is tested on its column (unique and not_null). The base models' key (file,
    line) is made by the macro, never NULL: no not-null test."""
    if len(key) == 1:
        return []
    tests: list[dict] = [{"tietopohja.unique_combination_of_columns": {"arguments": {"combination_of_columns": key}}}]
    if required:
        tests.append({"tietopohja.not_null_columns": {"arguments": {"column_names": required}}})
    return tests


def _optional_key_parts(table: dict) -> set[str]:
    """Key columns that may be empty (delivery/coverage: an empty entity = every entity)."""
    key = set(((table.get("config") or {}).get("meta") or {}).get("key", []))
    out = set()
    for col in table["columns"]:
        meta = (col.get("config") or {}).get("meta") or {}
        if col["name"] in key and not meta.get("required"):
            out.add(meta.get("contract_name", col["name"]))
    return out


def _columns(names: list[str], contract: dict[str, str], key: list[str]) -> list[dict]:
    cols = []
    for name in names:
        col: dict = {"name": name, "description": _describe(name, contract)}
        if key == [name]:
            col["data_tests"] = ["unique", "not_null"]
        cols.append(col)
    return cols


def build_yaml(columns_of) -> dict[Path, dict]:
    """Return {path: yaml document}; ``columns_of(model)`` lists a model's columns."""
    docs: dict[Path, dict] = {}
    for system, tables in load_sources().items():
        base_models, stg_models = [], []
        for table_name, table in tables.items():
            contract = _contract_descriptions(table)
            meta = (table.get("config") or {}).get("meta") or {}
            key = list(meta.get("key", []))
            base = f"base_{system}__{table_name}"
            base_models.append(
                {
                    "name": base,
                    "description": f"Base model of landing entity `{system}/{table_name}`: every row of "
                    f"every file, parsed (no raw text, no hetu), with its fate (`_status`). {table['description']}",
                    "data_tests": _key_tests(["_source_file", "_source_line"]),
                    "columns": _columns(columns_of(base), contract, []),
                }
            )
            stg = f"stg_{system}__{table_name}"
            stg_cols = columns_of(stg)
            if stg_cols is None:
                continue  # merged into another staging model (second HR layout)
            optional = _optional_key_parts(table)
            stg_models.append(
                {
                    "name": stg,
                    "description": f"Staging of `{system}/{table_name}`: the rows that passed the landing "
                    f"contract's rules, typed, codes normalised, one row per key"
                    + (", identities pseudonymised (no hetu)" if "hetu" in contract else "")
                    + ("; both payroll systems merged" if stg in MERGED else "")
                    + f". {table['description']}",
                    "data_tests": _key_tests(key, [k for k in key if k not in optional]),
                    "columns": _columns(stg_cols, contract, key),
                }
            )
        folder = STAGING_DIR / system
        docs[folder / f"_{system}__models.yml"] = {"version": 2, "models": stg_models}
        docs[folder / "base" / f"_base_{system}__models.yml"] = {"version": 2, "models": base_models}
    return docs


def _duckdb_columns(db_path: Path):
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    rows = con.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'staging' order by table_name, ordinal_position"
    ).fetchall()
    con.close()
    by_table: dict[str, list[str]] = {}
    for table, column in rows:
        by_table.setdefault(table, []).append(column)
    return by_table.get


HEADER = "# Generated by `tietopohja schema-docs` from the source YAML: do not edit by hand.\n"


def render(doc: dict) -> str:
    return HEADER + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def register(sub) -> None:
    p = sub.add_parser(
        "schema-docs",
        help="regenerate the staging models' YAML from the contract",
        description="Write the YAML of the base and staging models (descriptions, types, tests) from the landing "
        "contract in models/staging/<system>/_<system>__sources.yml and the column types of a finished build.",
    )
    p.add_argument("--db", type=Path, required=True, help="DuckDB file of a finished build (read only)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    if not args.db.exists():
        raise UserError(f"database not found: {args.db} (run dbt build first)")
    for path, doc in build_yaml(_duckdb_columns(args.db)).items():
        path.write_text(render(doc), encoding="utf-8")
        print(f"wrote {path.relative_to(PROJECT_DIR)}")
    return 0
