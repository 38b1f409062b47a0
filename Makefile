# The two commands of the README:
#   make build   install everything into .venv, then dbt build on the bundled sample
#   make test    install (if needed) and run the whole test suite (what CI runs);
#                the Spark venv too: every model is compiled for Spark. The
#                whole project built on Spark (minutes) is `make spark`. And a
#                DuckDB 1.4 venv: a BI tool's DuckDB must read the serving file.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: build test install system-packages browser java spark-install duckdb14-install lint sample spark clean

$(BIN)/dbt: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -e .
	touch $(BIN)/dbt

install: $(BIN)/dbt

build: install
	$(BIN)/dbt build

# The three venvs install side by side (-j4), beside the Debian packages
# (one apt-get at a time); then the suite on three workers: much of a dbt
# build is single-threaded Python (parse, Jinja), so a third worker fills the
# second core while the other two are there.
test:
	@$(MAKE) --no-print-directory -j4 install .venv-spark/bin/dbt duckdb14-install system-packages
	$(BIN)/python -m pytest tests/python -m "not spark_build" -n 3 --dist loadfile --no-loadscope-reorder

# chromium and Java 17 when CI lacks them: apt-get runs one at a time.
system-packages:
	@$(MAKE) --no-print-directory browser
	@$(MAKE) --no-print-directory java

# The dashboard test drives a real headless browser. CI installs Debian's
# chromium when it is missing; elsewhere the test is skipped without it.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$${CI:-}" = "true" ] && (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium not installed: the dashboard browser test will be skipped"; }

lint: install
	$(BIN)/sqlfluff lint models analyses tests/singular --processes 2
	$(BIN)/ruff check src tests/python

# Regenerate the bundled sample (deterministic).
sample: install
	$(BIN)/tietopohja generate --residents 1500 --years 2 --county 01 --county 17 --seed 20240101 --out sample_data/landing

# The same project on Spark (local session): a separate venv (pyspark must not
# share a venv with Great Expectations) and Java 17 (CI installs Debian's
# when it is missing; elsewhere the Spark tests are skipped without it).
.venv-spark/bin/dbt: requirements-spark.txt
	$(PYTHON) -m venv .venv-spark
	.venv-spark/bin/python -m pip install --quiet --upgrade pip
	.venv-spark/bin/python -m pip install --quiet -r requirements-spark.txt
	touch .venv-spark/bin/dbt

java:
	@ls -d /usr/lib/jvm/*17* >/dev/null 2>&1 || [ -n "$${JAVA_HOME:-}" ] || { [ "$${CI:-}" = "true" ] && (apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null) || echo "Java 17 not installed: the Spark tests will be skipped"; }

spark-install: .venv-spark/bin/dbt java

# The whole project built on Spark on the sample, then every Spark test
# (compile, build, every base table and mart equal to the DuckDB build).
spark: install spark-install
	$(BIN)/tietopohja spark-build
	TIETOPOHJA_SPARK_DBT=.venv-spark/bin/dbt $(BIN)/python -m pytest tests/python/test_spark.py

# DuckDB 1.4 (the long-term release inside BI tools' connectors) in a venv of
# its own: tests/python/test_serving.py reads the serving file with it.
.venv-duckdb14/installed:
	$(PYTHON) -m venv .venv-duckdb14
	.venv-duckdb14/bin/python -m pip install --quiet --upgrade pip
	.venv-duckdb14/bin/python -m pip install --quiet "duckdb==1.4.*"
	touch .venv-duckdb14/installed

duckdb14-install: .venv-duckdb14/installed

clean:
	rm -rf target logs $(VENV) .venv-spark .venv-duckdb14
