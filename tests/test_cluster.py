"""Grading on a Dask cluster: a LocalCluster of two worker processes on 127.0.0.1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SAMPLES

distributed = pytest.importorskip("distributed")

import rubrika  # noqa: E402
from rubrika.batch.run import grade_folder  # noqa: E402
from rubrika.batch.cache import CACHE  # noqa: E402
from rubrika.batch.cluster import check_partition  # noqa: E402


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and CACHE not in p.parts}


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None)
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


@pytest.fixture()
def essays(tmp_path: Path) -> Path:
    folder = tmp_path / "ujian"
    (folder / "sekolah-2").mkdir(parents=True)
    for i, path in enumerate(sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md"))[:10]):
        shutil.copy(path, (folder / "sekolah-2" if i % 2 else folder) / path.name)
    shutil.copy(SAMPLES / "01-andi-kuat-lengkap.txt", folder / "sekolah-2" / "salinan.txt")
    (folder / "rusak.docx").write_bytes(b"PK\x03\x04 not a docx")
    return folder


def test_a_cluster_writes_the_bytes_of_a_local_run(checker, client, essays, tmp_path):
    grade_folder(essays, tmp_path / "local", checker, jobs=1)
    summary = rubrika.grade(essays, tmp_path / "dask", checker, client=client)
    assert summary.count == 12 and summary.failed == 1
    local, remote = snapshot(tmp_path / "local"), snapshot(tmp_path / "dask")
    assert '"similar-essays"' in local["results.jsonl"].decode("utf-8")
    assert local == remote


def test_cli_scheduler_address(client, essays, tmp_path):
    from click.testing import CliRunner

    from rubrika.cli.main import main

    result = CliRunner().invoke(main, ["grade", str(essays), "-o", str(tmp_path / "out"), "-q",
                                       "--scheduler", client.scheduler.address])
    assert result.exit_code == 1, result.output  # one essay cannot be read
    local = tmp_path / "local"
    CliRunner().invoke(main, ["grade", str(essays), "-o", str(local), "-q", "--jobs", "1"])
    assert snapshot(tmp_path / "out") == snapshot(local)


def test_records_over_a_dask_bag(client, essays):
    import dask.bag

    paths = sorted(str(p) for p in essays.rglob("*.txt"))
    records = dask.bag.from_sequence(paths, npartitions=2).map_partitions(check_partition).compute()
    assert [r["essay"]["path"] for r in records] == paths
    assert all(r["score"] is not None for r in records)


def test_grade_names_a_scheduler_it_cannot_use(tmp_path):
    from click.testing import CliRunner

    from rubrika.cli.main import main

    result = CliRunner().invoke(main, ["grade", str(SAMPLES), "-o", str(tmp_path / "out"), "--scheduler", "bogus::",
                                       "--lang", "en"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at bogus::" in result.output
    assert not (tmp_path / "out").exists()  # nothing read, nothing written


def test_grade_says_how_to_install_dask_when_it_is_missing(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from rubrika.batch import cluster
    from rubrika.cli.main import main

    def missing():
        raise cluster.DaskUnavailable("no dask")

    monkeypatch.setattr(cluster, "_client_class", missing)
    result = CliRunner().invoke(main, ["grade", str(SAMPLES), "-o", str(tmp_path / "out"), "--scheduler",
                                       "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert "pip install 'rubrika[dask]'" in result.output and "memerlukan Dask" in result.output


def test_grade_refuses_a_zip_with_a_scheduler(client, tmp_path):
    import zipfile

    from click.testing import CliRunner

    from rubrika.cli.main import main

    archive = tmp_path / "kiriman.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(SAMPLES / "01-andi-kuat-lengkap.txt", "01-andi.txt")
    result = CliRunner().invoke(main, ["grade", str(archive), "-o", str(tmp_path / "out"), "--scheduler",
                                       client.scheduler.address, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "cannot be graded with --scheduler" in result.output
    assert not (tmp_path / "out").exists()
