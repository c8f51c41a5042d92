"""``manage.py search_index create|rebuild|verify|repair|status`` — the indexes' life cycle.

- ``create``: the indexes behind their aliases, if missing (safe to re-run).
- ``rebuild``: every document from the database into fresh indexes, then each alias moves in one request;
  searches answer from the old index until then.
- ``verify``: the drift between the database and the indexes (missing, extra, stale documents); exit 1
  when there is any.
- ``repair``: verify, then fix exactly that drift.
- ``status``: counts per kind, alias targets and the backlog of pending changes.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.client import engine_health
from search.documents import INDEXES

BAR_WIDTH = 30
SHOWN_IDS = 10


class Command(BaseCommand):
    help = "Create, rebuild, verify, repair or report the search indexes."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "rebuild", "verify", "repair", "status"])
        parser.add_argument("--index", choices=INDEXES, action="append", help="only this index (repeatable)")
        parser.add_argument("--json", dest="as_json", action="store_true", help="print the result as JSON")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar while rebuilding")

    def handle(self, *args, action, index, as_json, no_progress, **options):
        keys = index or list(INDEXES)
        if action == "status":
            return self.status(as_json=as_json)
        health = engine_health()
        if health["status"] != "ok":
            raise CommandError(f"Elasticsearch is not available: {health['detail']}")
        if action == "create":
            indexing.ensure_indexes()
            self.stdout.write("Indexes ready: " + ", ".join(keys))
        elif action == "rebuild":
            self.rebuild(keys, progress=not no_progress and not as_json, as_json=as_json)
        else:
            self.verify(keys, repair=action == "repair", as_json=as_json)

    def rebuild(self, keys, *, progress, as_json):
        results = []
        for key in keys:
            result = indexing.rebuild(key, progress=self.progress_bar(key) if progress else None)
            if progress:
                self.stderr.write("")
            results.append(result)
            if not as_json:
                self.stdout.write(
                    f"{key}: {result.documents} documents in {result.seconds:.1f} s "
                    f"({result.per_second:.0f}/s) → {result.index}"
                    + (f"; removed {', '.join(result.removed)}" if result.removed else "")
                )
        if as_json:
            self.print_json(
                [
                    {"index": r.key, "target": r.index, "documents": r.documents, "seconds": r.seconds}
                    for r in results
                ]
            )

    def progress_bar(self, key):
        def show(done, total):
            filled = BAR_WIDTH * done // total if total else BAR_WIDTH
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stderr.write(f"\r{key:<14} [{bar}] {done}/{total}", ending="")
            self.stderr.flush()

        return show

    def verify(self, keys, *, repair, as_json):
        drifts = [indexing.verify(key) for key in keys]
        report = []
        for drift in drifts:
            entry = {
                "index": drift.key,
                "missing": drift.missing,
                "extra": drift.extra,
                "stale": drift.stale,
                "drift": drift.total,
            }
            if repair and drift.total:
                indexing.repair(drift)
                entry["repaired"] = drift.total
                entry["drift_after"] = indexing.verify(drift.key).total
            report.append(entry)
        if as_json:
            self.print_json(report)
        else:
            for entry in report:
                self.stdout.write(
                    f"{entry['index']}: {len(entry['missing'])} missing, {len(entry['extra'])} extra, "
                    f"{len(entry['stale'])} stale"
                )
                for label in ("missing", "extra", "stale"):
                    ids = entry[label]
                    if ids:
                        more = f" … and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else ""
                        self.stdout.write(f"  {label}: {', '.join(ids[:SHOWN_IDS])}{more}")
                if "repaired" in entry:
                    self.stdout.write(f"  repaired {entry['repaired']}; drift now {entry['drift_after']}")
        remaining = sum(e.get("drift_after", e["drift"]) for e in report)
        if remaining and not repair:
            sys.exit(1)
        if remaining:
            raise CommandError(f"{remaining} document(s) still differ after the repair")

    def status(self, *, as_json):
        health = engine_health()
        report = {"engine": health}
        if health["status"] == "ok":
            report.update(indexing.status())
        else:
            report.update(indexing.backlog())
        if as_json:
            return self.print_json(report)
        self.stdout.write(f"engine: {health['status']} ({health['detail']})")
        for key, entry in report.get("indexes", {}).items():
            counts = ", ".join(f"{kind} {n}" for kind, n in sorted(entry["counts"].items())) or "empty"
            targets = ", ".join(entry["targets"]) or "(no index yet)"
            self.stdout.write(f"{key}: {entry['alias']} → {targets}; {counts}")
            if entry["building"]:
                self.stdout.write(f"  being built: {', '.join(entry['building'])}")
        age = report["oldest_pending_seconds"]
        self.stdout.write(
            f"backlog: {report['pending_changes']} pending change(s), "
            f"{report['pending_tasks']} index task(s) waiting; "
            f"oldest pending: {f'{age:.0f} s' if age is not None else '—'}"
        )

    def print_json(self, data):
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
