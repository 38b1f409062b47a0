"""Writing landing files: the two CSV dialects, bad rows, the manifest.

Every data row goes through :class:`CsvOut`, which formats typed Python values
(``date``, ``datetime``, ``float``, ``bool``, ``None``) in the file's dialect
and counts rows, so the manifest always matches the files. A value that is
already a string is written as it is: that is how bad rows carry their defect.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path


def _iso_date(d: date) -> str:
    return d.isoformat()


def _fi_date(d: date) -> str:
    return f"{d.day}.{d.month}.{d.year}"


def _iso_ts(t: datetime) -> str:
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}"


def _fi_ts(t: datetime) -> str:
    return f"{t.day}.{t.month}.{t.year} {t.hour}:{t.minute:02d}"


@dataclass(frozen=True)
class Dialect:
    """A CSV dialect of the landing contract."""

    name: str
    delimiter: str
    decimal: str
    fmt_date: Callable[[date], str]
    fmt_ts: Callable[[datetime], str]
    booleans: tuple[str, str]


CANONICAL = Dialect("canonical", ",", ".", _iso_date, _iso_ts, ("true", "false"))
FINNISH = Dialect("finnish", ";", ",", _fi_date, _fi_ts, ("kyllä", "ei"))
#: boolean spellings a file may use instead of its dialect's default
BOOL_10 = ("1", "0")


def generator_digest() -> str:
    """SHA-256 of the generator's source files: which generator wrote a folder. ``bench`` generates a
    folder again when the generator changed since (the same arguments would give other files)."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Manifest:
    """Counts per entity: rows written, bad rows, rows superseded by re-deliveries."""

    def __init__(self) -> None:
        self.entities: dict[str, dict] = {}
        self.counties: dict[str, dict] = {}

    def entity(self, name: str) -> dict:
        return self.entities.setdefault(name, {"files": [], "rows_written": 0, "bad_rows": [], "superseded_rows": 0})

    def as_dict(self, args: dict) -> dict:
        entities = {}
        for name in sorted(self.entities):
            e = self.entities[name]
            entities[name] = {
                "files": sorted(e["files"]),
                "rows_written": e["rows_written"],
                "bad_rows": sorted(e["bad_rows"], key=lambda b: (b["file"], b["line"])),
                "superseded_rows": e["superseded_rows"],
                "expected_staged": e["rows_written"] - len(e["bad_rows"]) - e["superseded_rows"],
            }
        return {
            "contract": "landing-contract v1",
            "generator_args": args,
            "generator_digest": generator_digest(),
            "counties": self.counties,
            "entities": entities,
        }

    def write(self, out: Path, args: dict) -> Path:
        path = out / "_manifest.json"
        text = json.dumps(self.as_dict(args), indent=2, ensure_ascii=False, sort_keys=False)
        path.write_text(text + "\n", encoding="utf-8")
        return path


class CsvOut:
    """One CSV file of one entity, written row by row.

    ``plan_bad(after, reason, mutate)`` schedules a bad row right after the
    ``after``-th good row: ``mutate`` gets a copy of the last good row and
    returns the defective row (one defect, reason code ``reason``).
    """

    def __init__(
        self,
        out: Path,
        manifest: Manifest,
        entity: str,
        relpath: str,
        columns: list[str],
        dialect: Dialect = CANONICAL,
        booleans: tuple[str, str] | None = None,
        bom: bool = False,
        record_as: str | None = None,
    ) -> None:
        self.entity, self.columns, self.dialect = entity, columns, dialect
        self.booleans = booleans or dialect.booleans
        self.record_as = record_as or relpath
        self.manifest = manifest
        path = out / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = path.open("w", encoding="utf-8", newline="")
        if bom:
            self._fh.write("\ufeff")
        self._w = csv.writer(self._fh, delimiter=dialect.delimiter, lineterminator="\n")
        self._w.writerow(columns)
        dec = dialect.decimal
        #: formatting by exact type (bool before int: ``type(True)`` is bool); see ``fmt``
        self._by_type: dict[type, Callable[[object], str]] = {
            str: lambda v: v,
            int: str,
            bool: lambda v: self.booleans[0] if v else self.booleans[1],
            datetime: dialect.fmt_ts,
            date: dialect.fmt_date,
            float: (lambda v: f"{v:.2f}") if dec == "." else (lambda v: f"{v:.2f}".replace(".", dec)),
        }
        self.line = 1
        self.good = 0
        self.last: dict | None = None
        self._plans: list[tuple[int, str, Callable[[dict], dict]]] = []

    def fmt(self, v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, bool):
            return self.booleans[0] if v else self.booleans[1]
        if isinstance(v, datetime):
            return self.dialect.fmt_ts(v)
        if isinstance(v, date):
            return self.dialect.fmt_date(v)
        if isinstance(v, float):
            return f"{v:.2f}".replace(".", self.dialect.decimal)
        return str(v)

    def _emit(self, row: dict) -> None:
        by_type, fmt = self._by_type, self.fmt
        self._w.writerow(["" if v is None else by_type.get(type(v), fmt)(v) for v in map(row.get, self.columns)])
        self.line += 1

    def write(self, row: dict) -> None:
        """Write a good row (and any bad row planned to follow it)."""
        self._emit(row)
        self.good += 1
        self.last = row
        while self._plans and self._plans[0][0] <= self.good:
            _, reason, mutate = self._plans.pop(0)
            self.bad(mutate(dict(row)), reason)

    def bad(self, row: dict, reason: str) -> None:
        """Write a deliberately bad row and record it in the manifest."""
        self._emit(row)
        self.manifest.entity(self.entity)["bad_rows"].append(
            {"file": self.record_as, "line": self.line, "reason": reason}
        )

    def plan_bad(self, after: int, reason: str, mutate: Callable[[dict], dict]) -> None:
        self._plans.append((max(after, 1), reason, mutate))
        self._plans.sort(key=lambda p: p[0])

    def close(self) -> None:
        for _, reason, mutate in self._plans:  # file shorter than planned
            if self.last is not None:
                self.bad(mutate(dict(self.last)), reason)
        self._plans = []
        self._fh.close()
        e = self.manifest.entity(self.entity)
        e["files"].append(self.record_as)
        e["rows_written"] += self.line - 1

    def __enter__(self) -> CsvOut:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
