"""Expectation suites, generated from the spec and the reference data.

The checks that follow a pattern are never written by hand, so they stay in
step with the models:

* **Staging** (``staging.stg_<system>__<entity>``, one suite per landing
  entity) from the landing contract in the source YAML
  (``models/staging/<system>/_<system>__sources.yml``): ``required`` → not
  null, ``codes`` / ``code_map`` → value set, ``min`` / ``max`` /
  ``min_exclusive`` → between, ``pattern`` → regex, table ``key`` → unique
  (compound), a required entity → at least one row, ``hetu`` → the
  pseudonym is never null; plus reference codes by column name
  (:data:`REFERENCE_CODES`: service codes in ``reference.service_catalogue``,
  municipality codes in ``reference.ref_municipality_county``, ...).
* **Marts** (every table of the ``marts`` and ``public`` schemas) from the models' YAML
  (``models/marts/**/_*.yml``): the published column set, and the YAML's
  ``not_null`` / ``not_null_columns`` / ``unique`` / ``accepted_values`` /
  ``unique_combination_of_columns`` / ``no_rows`` tests; plus rules by column
  name (:data:`MART_COLUMN_RULES`: county codes, service codes, grains,
  non-negative counts) and hand-written extras per mart (:data:`MART_RULES`).
* **Bands** (:data:`BANDS`): distributions that must stay plausible, each a
  query whose rows are checked against a band (visits per resident, cost per
  resident per service).

A new mart gets its suite automatically from its YAML and column names; a
hand-written rule for it is one entry in :data:`MART_RULES`, a plausibility
band one entry in :data:`BANDS`. Severity: ``critical`` stops the release
(``tietopohja validate`` exits non-zero), ``warning`` is reported.

Nothing here imports Great Expectations: a suite is plain data
(:class:`Suite` of :class:`Check`), turned into GX objects by
:mod:`tietopohja.validate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tietopohja.paths import PROJECT_DIR
from tietopohja.schema_docs import load_sources

CRITICAL = "critical"
WARNING = "warning"

MARTS_DIR = PROJECT_DIR / "models" / "marts"


@dataclass(frozen=True)
class Check:
    """One expectation: the GX expectation class, its arguments, severity, and why it exists."""

    expectation: str  # GX class name, e.g. "ExpectColumnValuesToNotBeNull"
    kwargs: dict
    severity: str = CRITICAL
    rule: str = ""  # where the check comes from, e.g. "contract: required"

    @property
    def column(self) -> str | None:
        return self.kwargs.get("column")

    @property
    def name(self) -> str:
        """``expect_column_values_to_not_be_null`` style name."""
        out = []
        for i, ch in enumerate(self.expectation):
            if ch.isupper() and i:
                out.append("_")
            out.append(ch.lower())
        return "".join(out)


@dataclass
class Suite:
    """The checks of one data set: a table (``schema.name``) or a query."""

    name: str
    sql: str
    kind: str  # staging, mart, band
    checks: list[Check] = field(default_factory=list)

    def add(self, expectation: str, severity: str = CRITICAL, rule: str = "", **kwargs) -> None:
        self.checks.append(Check(expectation, kwargs, severity, rule))


# --------------------------------------------------------------------------
# Declarations: the entries to edit
# --------------------------------------------------------------------------

#: column name → (reference relation, its column, severity). Unknown service,
#: municipality and account codes are mapping gaps (reported, also in
#: ``mapping_completeness``); an unknown county code is an error.
REFERENCE_CODES: dict[str, tuple[str, str, str]] = {
    "service_code": ("reference.service_catalogue", "service_code", WARNING),
    "municipality_code": ("reference.ref_municipality_county", "municipality_code", WARNING),
    "home_municipality_code": ("reference.ref_municipality_county", "municipality_code", WARNING),
    "county_code": ("reference.ref_counties", "county_code", CRITICAL),
    "account": ("reference.ref_chart_of_accounts", "account", WARNING),
}

#: rules for mart columns by name: (check, kwargs, severity); applied to every
#: mart that has the column, so a new mart inherits them.
MART_COLUMN_RULES: dict[str, list[tuple[str, dict, str]]] = {
    "period_grain": [("ExpectColumnValuesToBeInSet", {"value_set": ["month", "quarter", "year"]}, CRITICAL)],
    "person_count": [("ExpectColumnValuesToBeBetween", {"min_value": 0}, CRITICAL)],
    "affected_rows": [("ExpectColumnValuesToBeBetween", {"min_value": 1}, CRITICAL)],
    "rows_in_group": [("ExpectColumnValuesToBeBetween", {"min_value": 2}, CRITICAL)],
}
#: mart columns whose names end like this are counts: never negative
COUNT_SUFFIXES = ("_rows", "_read", "_staged", "_quarantined", "_superseded", "_count", "employments", "units")

#: hand-written extras per mart: mart name → checks (one entry per mart)
MART_RULES: dict[str, list[Check]] = {
    "landing_row_accounting": [
        Check("ExpectTableRowCountToBeBetween", {"min_value": 1}, CRITICAL, "every landing entity is accounted"),
        Check(
            "ExpectColumnPairValuesAToBeGreaterThanB",
            {"column_A": "rows_read", "column_B": "rows_staged", "or_equal": True},
            CRITICAL,
            "no row is staged twice",
        ),
    ],
    "landing_quarantine": [
        Check(
            "ExpectColumnValuesToMatchRegex",
            {"column": "entity", "regex": r"^[a-z_]+/[a-z_]+$"},
            CRITICAL,
            "entity is <system>/<entity>",
        ),
    ],
    "reconciliation_cost_centers": [
        Check("ExpectTableRowCountToBeBetween", {"min_value": 1}, CRITICAL, "the ledger has cost centres"),
    ],
    "reconciliation_units": [
        Check("ExpectTableRowCountToBeBetween", {"min_value": 1}, CRITICAL, "events have units"),
    ],
    "mapping_completeness": [
        Check("ExpectTableRowCountToEqual", {"value": 0}, WARNING, "everything maps"),
    ],
}

_RESIDENTS_BY_COUNTY_YEAR = """
    select municipalities.county_code, extract(year from residents.stat_date) as year,
           sum(residents.residents) as residents
    from staging.stg_population__residents as residents
    join (select distinct municipality_code, county_code from reference.ref_municipality_county) as municipalities
        on residents.municipality_code = municipalities.municipality_code
    group by 1, 2
"""


@dataclass(frozen=True)
class Band:
    """A plausibility band: every row of ``sql`` has ``column`` within [low, high].

    ``requires`` lists the relations the query reads; the band is skipped
    (and says so) when one is not built.
    """

    name: str
    sql: str
    column: str
    low: float | None
    high: float | None
    severity: str = WARNING
    requires: tuple[str, ...] = ()
    description: str = ""


#: distribution checks; adding one (e.g. from a new mart) is one entry
BANDS: list[Band] = [
    Band(
        name="band.visits_per_resident",
        description="outpatient visits per resident per county and full calendar year",
        sql=f"""
            with residents as ({_RESIDENTS_BY_COUNTY_YEAR}),
            visits as (
                select county_code, extract(year from event_date) as year, count(*) as visits,
                       count(distinct extract(month from event_date)) as months
                from intermediate.int_client_events_mapped
                where event_type = 'visit'
                group by 1, 2
            )
            select visits.county_code, visits.year, visits.visits, residents.residents,
                   visits.visits / nullif(residents.residents, 0) as visits_per_resident
            from visits join residents
                on visits.county_code = residents.county_code and visits.year = residents.year
            where visits.months = 12
        """,
        column="visits_per_resident",
        low=0.5,
        high=20.0,
        requires=("intermediate.int_client_events_mapped", "staging.stg_population__residents"),
    ),
    # Gross costs (accounts 4xxx) of service cost centres per resident, per
    # county, service and full year. When the cost marts exist, point this at
    # them (e.g. the cost-per-resident mart's column) and its `requires`.
    Band(
        name="band.cost_per_resident_by_service",
        description="gross costs (EUR) per resident per county, service and full calendar year",
        sql=f"""
            with residents as ({_RESIDENTS_BY_COUNTY_YEAR}),
            costs as (
                select centres.county_code, centres.service_code,
                       extract(year from ledger.posting_date) as year,
                       sum(ledger.amount_eur) as costs_eur,
                       count(distinct ledger.period) as months
                from staging.stg_finance__gl_entries as ledger
                join staging.stg_finance__cost_centers as centres on ledger.cost_center = centres.cost_center
                where ledger.account >= '4000' and ledger.account < '5000' and centres.service_code is not null
                group by 1, 2, 3
            )
            select costs.county_code, costs.service_code, costs.year, costs.costs_eur, residents.residents,
                   costs.costs_eur / nullif(residents.residents, 0) as cost_per_resident_eur
            from costs join residents
                on costs.county_code = residents.county_code and costs.year = residents.year
            where costs.months = 12
        """,
        column="cost_per_resident_eur",
        low=0.0,
        high=5000.0,
        requires=("staging.stg_finance__gl_entries", "staging.stg_finance__cost_centers"),
    ),
]


# --------------------------------------------------------------------------
# Generators
# --------------------------------------------------------------------------


class Catalog:
    """What the database holds: relations, their columns, reference value sets."""

    def __init__(self, con):
        self.con = con
        rows = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "order by table_schema, table_name, ordinal_position"
        ).fetchall()
        self.columns: dict[str, list[str]] = {}
        for schema, table, column in rows:
            self.columns.setdefault(f"{schema}.{table}", []).append(column)
        self._sets: dict[tuple[str, str], list[str]] = {}

    def has(self, relation: str) -> bool:
        return relation in self.columns

    def value_set(self, relation: str, column: str) -> list[str] | None:
        if not self.has(relation):
            return None
        key = (relation, column)
        if key not in self._sets:
            rows = self.con.execute(
                f"select distinct {column} from {relation} where {column} is not null order by 1"
            ).fetchall()
            self._sets[key] = [r[0] for r in rows]
        return self._sets[key]


def _reference_check(suite: Suite, catalog: Catalog, column: str) -> None:
    if column not in REFERENCE_CODES:
        return
    relation, ref_column, severity = REFERENCE_CODES[column]
    values = catalog.value_set(relation, ref_column)
    if values:
        suite.add(
            "ExpectColumnValuesToBeInSet",
            severity,
            f"reference: {relation}.{ref_column}",
            column=column,
            value_set=values,
        )


def staging_suites(catalog: Catalog) -> list[Suite]:
    """One suite per landing entity whose staging view exists, from the source YAML."""
    suites = []
    for system, tables in load_sources().items():
        for table_name, table in tables.items():
            relation = f"staging.stg_{system}__{table_name}"
            if not catalog.has(relation):
                continue  # e.g. the second payroll layout, merged into the canonical view
            present = set(catalog.columns[relation])
            suite = Suite(name=relation, sql=f"select * from {relation}", kind="staging")
            meta = (table.get("config") or {}).get("meta") or {}
            if meta.get("required"):
                suite.add("ExpectTableRowCountToBeBetween", CRITICAL, "contract: required entity", min_value=1)
            key = list(meta.get("key") or [])
            if len(key) == 1:
                suite.add("ExpectColumnValuesToBeUnique", CRITICAL, "contract: key", column=key[0])
            elif key:
                suite.add("ExpectCompoundColumnsToBeUnique", CRITICAL, "contract: key", column_list=key)
            for col in table["columns"]:
                cmeta = (col.get("config") or {}).get("meta") or {}
                name = cmeta.get("contract_name", col["name"])
                if cmeta.get("hetu"):
                    if "person_pseudonym" in present:
                        suite.add(
                            "ExpectColumnValuesToNotBeNull", CRITICAL, "contract: hetu", column="person_pseudonym"
                        )
                    continue
                if name not in present:
                    continue
                if cmeta.get("required"):
                    suite.add("ExpectColumnValuesToNotBeNull", CRITICAL, "contract: required", column=name)
                codes = cmeta.get("codes") or sorted(set((cmeta.get("code_map") or {}).values()))
                if codes:
                    suite.add(
                        "ExpectColumnValuesToBeInSet", CRITICAL, "contract: codes", column=name, value_set=list(codes)
                    )
                bounds = {}
                if "min" in cmeta:
                    bounds["min_value"] = cmeta["min"]
                if "min_exclusive" in cmeta:
                    bounds.update(min_value=cmeta["min_exclusive"], strict_min=True)
                if "max" in cmeta:
                    bounds["max_value"] = cmeta["max"]
                if bounds:
                    suite.add("ExpectColumnValuesToBeBetween", CRITICAL, "contract: min/max", column=name, **bounds)
                if cmeta.get("pattern"):
                    suite.add(
                        "ExpectColumnValuesToMatchRegex",
                        CRITICAL,
                        "contract: pattern",
                        column=name,
                        regex=f"^(?:{cmeta['pattern']})$",
                    )
                _reference_check(suite, catalog, name)
            suites.append(suite)
    return suites


def load_mart_models(marts_dir: Path = MARTS_DIR) -> dict[str, dict]:
    """mart name → its model entry in the marts' YAML files."""
    models = {}
    for path in sorted(marts_dir.rglob("_*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for model in doc.get("models") or []:
            models[model["name"]] = model
    return models


def _test_name_and_args(test) -> tuple[str, dict, dict]:
    if isinstance(test, str):
        return test.split(".")[-1], {}, {}
    ((name, body),) = test.items()
    body = body or {}
    args = dict(body.get("arguments") or {})
    args.update({k: v for k, v in body.items() if k not in ("arguments", "config")})
    return name.split(".")[-1], args, body.get("config") or {}


def _row_condition(config: dict) -> dict:
    """A dbt test's ``where`` (e.g. ``value_status <> 'not_delivered'``) as GX's pandas row condition."""
    where = config.get("where")
    if not where:
        return {}
    return {"row_condition": str(where).replace("<>", "!="), "condition_parser": "pandas"}


def _severity_of(config: dict) -> str:
    return WARNING if str(config.get("severity", "error")).lower() == "warn" else CRITICAL


def _yaml_test_checks(suite: Suite, test, column: str | None) -> None:
    name, args, config = _test_name_and_args(test)
    severity = _severity_of(config)
    rule = f"model YAML: {name}"
    if name == "not_null" and column:
        suite.add("ExpectColumnValuesToNotBeNull", severity, rule, column=column, **_row_condition(config))
    elif name == "not_null_columns":
        for column_name in args["column_names"]:
            suite.add("ExpectColumnValuesToNotBeNull", severity, rule, column=column_name, **_row_condition(config))
    elif name == "unique" and column:
        suite.add("ExpectColumnValuesToBeUnique", severity, rule, column=column)
    elif name == "accepted_values" and column:
        suite.add("ExpectColumnValuesToBeInSet", severity, rule, column=column, value_set=list(args["values"]))
    elif name == "unique_combination_of_columns":
        suite.add("ExpectCompoundColumnsToBeUnique", severity, rule, column_list=list(args["combination_of_columns"]))
    elif name == "no_rows":
        suite.add("ExpectTableRowCountToEqual", severity, rule, value=0)


def mart_suites(catalog: Catalog, models: dict[str, dict] | None = None) -> list[Suite]:
    """One suite per table of the ``marts`` and ``public`` (publishable marts) schemas."""
    models = load_mart_models() if models is None else models
    suites = []
    for relation in sorted(r for r in catalog.columns if r.startswith(("marts.", "public."))):
        mart = relation.split(".", 1)[1]
        present = catalog.columns[relation]
        suite = Suite(name=relation, sql=f"select * from {relation}", kind="mart")
        model = models.get(mart)
        if model is not None:
            declared = [c["name"] for c in model.get("columns") or []]
            if declared:
                suite.add(
                    "ExpectTableColumnsToMatchSet",
                    CRITICAL,
                    "model YAML: published columns",
                    column_set=declared,
                    exact_match=True,
                )
            for test in model.get("data_tests") or []:
                _yaml_test_checks(suite, test, None)
            for col in model.get("columns") or []:
                for test in col.get("data_tests") or []:
                    _yaml_test_checks(suite, test, col["name"])
        for column in present:
            for expectation, kwargs, severity in MART_COLUMN_RULES.get(column, []):
                suite.add(expectation, severity, "column rule", column=column, **kwargs)
            if column.endswith(COUNT_SUFFIXES) and column not in MART_COLUMN_RULES:
                suite.add("ExpectColumnValuesToBeBetween", CRITICAL, "column rule: count", column=column, min_value=0)
            _reference_check(suite, catalog, column)
        suite.checks.extend(MART_RULES.get(mart, []))
        suite.checks = _distinct(suite.checks)
        suites.append(suite)
    return suites


def _distinct(checks: list[Check]) -> list[Check]:
    """Drop a check that repeats an earlier one (GX keeps one of identical expectations)."""
    seen, out = set(), []
    for check in checks:
        key = (check.expectation, repr(sorted(check.kwargs.items())))
        if key not in seen:
            seen.add(key)
            out.append(check)
    return out


def band_suites(catalog: Catalog, bands: list[Band] | None = None) -> tuple[list[Suite], list[str]]:
    """Suites of the plausibility bands, and the names of bands skipped (relations not built)."""
    suites, skipped = [], []
    for band in BANDS if bands is None else bands:
        missing = [r for r in band.requires if not catalog.has(r)]
        if missing:
            skipped.append(f"{band.name} (not built: {', '.join(missing)})")
            continue
        suite = Suite(name=band.name, sql=band.sql, kind="band")
        bounds = {k: v for k, v in (("min_value", band.low), ("max_value", band.high)) if v is not None}
        suite.add(
            "ExpectColumnValuesToBeBetween", band.severity, f"band: {band.description}", column=band.column, **bounds
        )
        suites.append(suite)
    return suites, skipped


def all_suites(con) -> tuple[list[Suite], list[str]]:
    """Every suite for the database behind ``con`` (read-only DuckDB connection)."""
    catalog = Catalog(con)
    bands, skipped = band_suites(catalog)
    return staging_suites(catalog) + mart_suites(catalog) + bands, skipped
