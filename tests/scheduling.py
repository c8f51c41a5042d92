"""How `--dist loadfile` hands the suite to pytest-xdist's workers (tests/conftest.py plugs it in).

pytest-django runs the tests that commit (transaction=True, live_server: the browser tests) after the
others, because they end by flushing every table, the rows the migrations made with them (the home
page, the system areas). A worker that ran one would fail the next plain test it was given. This
scheduler keeps pytest-django's order on every worker: it hands out the work in the order of the
collection, never sorted by size, and a file whose tests that order puts apart (plain ones first,
committing ones at the end) becomes two work units, so that no plain test follows a committing one.
A file stays in one worker otherwise, so module-scoped worlds are built once.
"""

from collections import Counter

from xdist.scheduler import LoadFileScheduling


class CollectionOrderScheduling(LoadFileScheduling):
    """loadfile, in the order of the collection: a work unit is a run of consecutive tests of one file."""

    def __init__(self, config, log=None):
        super().__init__(config, log)
        # Sorting units by size (xdist's default) would move committing tests before plain ones.
        config.option.loadscopereorder = False
        self._units: dict[str, str] = {}

    def schedule(self) -> None:
        if self.collection is None and not self._units:
            self._units = self._runs_of_files(next(iter(self.registered_collections.values())))
        super().schedule()

    @staticmethod
    def _runs_of_files(collection) -> dict[str, str]:
        units, runs, previous = {}, Counter(), None
        for nodeid in collection:
            path = nodeid.split("::", 1)[0]
            if path != previous:
                runs[path] += 1
                previous = path
            units[nodeid] = path if runs[path] == 1 else f"{path} (part {runs[path]})"
        return units

    def _split_scope(self, nodeid: str) -> str:
        return self._units[nodeid]
