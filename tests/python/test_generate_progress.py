"""``tietopohja generate`` reports progress while it writes, and only that.

A line per county and one per entity written (its rows and files for that
county), printed as the files are written; the files are the same bytes as
without progress output.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tietopohja.cli import main
from tietopohja.generator import generate

ARGS = {"residents": 300, "years": 1, "counties": ["01", "17"], "seed": 11, "first_year": 2024}
LINE = re.compile(r"  (\d\d) ([a-z]+/[a-z_]+): ([\d,]+) rows in (\d+) files? \[\d+\.\d s\]")


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_generate_prints_a_line_per_county_and_entity(tmp_path, capsys):
    out = tmp_path / "with_progress"
    argv = ["generate", "--residents", str(ARGS["residents"]), "--years", str(ARGS["years"])]
    for code in ARGS["counties"]:
        argv += ["--county", code]
    argv += ["--seed", str(ARGS["seed"]), "--out", str(out), "--first-year", str(ARGS["first_year"])]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()

    headers = [i for i, line in enumerate(lines) if line.startswith("county ")]
    assert [lines[i].split()[1] for i in headers] == ["01", "17"]
    assert "(1/2): 300 residents, 2024–2024" in lines[headers[0]]

    progress = {}
    for i, line in enumerate(lines):
        m = LINE.fullmatch(line)
        if m:
            county, entity, rows, files = m.groups()
            # printed under its own county's header, once per county and entity
            assert lines[max(h for h in headers if h < i)].split()[1] == county
            assert (county, entity) not in progress
            progress[(county, entity)] = (int(rows.replace(",", "")), int(files))

    manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    for entity, e in manifest["entities"].items():
        per_county = [(c, sum(1 for f in e["files"] if re.search(rf"_{c}[_.]", f))) for c in ARGS["counties"]]
        assert sum(progress[(c, entity)][0] for c in ARGS["counties"]) == e["rows_written"], entity
        for c, n_files in per_county:
            assert progress[(c, entity)][1] == n_files, (c, entity)
    assert len(progress) == len(manifest["entities"]) * len(ARGS["counties"])
    # the summary still ends the output
    assert lines[-1] == f"wrote {out}/_manifest.json"

    # progress output changes nothing in the files
    silent = tmp_path / "silent"
    generate(ARGS["residents"], ARGS["years"], ARGS["counties"], ARGS["seed"], silent, ARGS["first_year"])
    assert _files(out) == _files(silent)
