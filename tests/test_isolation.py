"""Results never depend on what else a process compiled: known words belong to a Checker.

The same essays are checked with a rubric alone (in a fresh process), after another rubric
was compiled in this process, with a Checker made before and one made after, through
``rubrika serve`` (which compiles every rubric it offers) and on a Dask worker that holds
several Checkers: every record must equal the one ``rubrika check`` gives.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

from rubrika.api import Checker
from rubrika.readers.essay import read_essay

GLOBALISASI = ROOT / "rubrics" / "globalisasi.yaml"
ESSAYS = {
    "globalisasi": sorted((ROOT / "sample_essays" / "globalisasi").glob("g0*")),
    "builtin": sorted((ROOT / "sample_essays" / "kerja-sama-internasional").glob("[01]*")),
}
RUBRIC_ARGS = {"globalisasi": ["-r", str(GLOBALISASI)], "builtin": []}


def records_alone(which: str) -> list[dict]:
    """What ``rubrika check --format json`` gives in a process that compiles only this rubric."""
    out = subprocess.run([sys.executable, "-m", "rubrika", "check", *RUBRIC_ARGS[which], "--format", "json",
                          *map(str, ESSAYS[which])], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


@pytest.fixture(scope="module")
def alone() -> dict[str, list[dict]]:
    return {which: records_alone(which) for which in ESSAYS}


def records(checker: Checker, which: str) -> list[dict]:
    return [checker.check_file(path) for path in ESSAYS[which]]


@pytest.mark.parametrize("first,second", [("globalisasi", "builtin"), ("builtin", "globalisasi")])
def test_compiling_another_rubric_changes_nothing(alone, first, second):
    rubric = {"globalisasi": GLOBALISASI, "builtin": None}
    old = Checker(rubric[first])
    before = records(old, first)
    Checker(rubric[second])  # compiles the other rubric's terms into this process
    fresh = Checker(rubric[first])
    assert records(old, first) == before == records(fresh, first)
    assert before == [{**r, "essay": {**r["essay"], "path": str(p)}} for r, p in zip(alone[first], ESSAYS[first])]


# A typo of a word that another rubric lists as a term ("international" is an English term word
# of the built-in rubric): globalisasi repairs it to "internasional" only if that rubric's words
# are not known words too.
TYPO = ("Globalisasi adalah proses mendunia. Perdagangan international membuat barang dari negara lain "
        "masuk ke pasar kita dengan mudah. Hal ini membuka lapangan kerja baru.")


def test_another_rubrics_term_words_do_not_stop_typo_repair():
    alone = json.loads(subprocess.run(
        [sys.executable, "-c", "import json, sys; from rubrika.api import Checker; "
         f"print(json.dumps(Checker({str(GLOBALISASI)!r}).check_text(sys.argv[1])))", TYPO],
        capture_output=True, text=True, cwd=ROOT, check=True).stdout)
    old = Checker(GLOBALISASI)
    Checker()  # what `rubrika serve` does first: compile the built-in rubric
    fresh = Checker(GLOBALISASI)
    assert fresh.check_text(TYPO) == old.check_text(TYPO) == alone
    trade = next(k for c in alone["criteria"] for k in c["concepts"] if k["id"] == "perdagangan-bebas")
    assert trade["status"] == "found"


def test_serve_gives_the_records_check_gives(alone):
    testclient = pytest.importorskip("starlette.testclient")
    from rubrika.serve.app import ServeConfig, create_app

    app = create_app(ServeConfig(rate_per_minute=100_000, rate_burst=100_000))
    with testclient.TestClient(app, base_url="http://127.0.0.1:8000") as api:
        for which, rubric_id in (("globalisasi", "globalisasi"), ("builtin", "kerja-sama-internasional")):
            for path, want in zip(ESSAYS[which], alone[which]):
                got = api.post("/api/check", json={"text": read_essay(path).text, "rubric": rubric_id}).json()
                assert got["score"] == want["score"] and got["criteria"] == want["criteria"], path.name


def test_a_dask_worker_holding_several_checkers_gives_the_records_check_gives(alone):
    distributed = pytest.importorskip("distributed")
    from rubrika.batch.cluster import check_partition

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        # one worker, both rubrics compiled in it, each asked in turn
        for which, rubric in (("builtin", None), ("globalisasi", str(GLOBALISASI)), ("builtin", None)):
            got = client.submit(check_partition, [str(p) for p in ESSAYS[which]], rubric, pure=False).result()
            assert [r["criteria"] for r in got] == [r["criteria"] for r in alone[which]], which
