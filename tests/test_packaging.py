"""The package as installed: every module and data file the code needs is declared."""

from __future__ import annotations

import configparser
from importlib import resources

from conftest import ROOT


def test_every_subpackage_is_declared_in_setup_cfg():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    declared = set(config["options"]["packages"].split())
    on_disk = {".".join(p.relative_to(ROOT / "src").parent.parts) for p in (ROOT / "src").rglob("__init__.py")}
    assert on_disk | {"rubrika.rubrics"} == declared


def test_installed_package_carries_its_data():
    assert (resources.files("rubrika.rubrics") / "kerja-sama-internasional.yaml").is_file()
    for name in ("essay.html.j2", "index.html.j2", "style.css", "sort.js"):
        assert (resources.files("rubrika") / "templates" / name).is_file()
    from rubrika.messages.i18n import FILES

    for name in (*FILES, "click.yaml", "yaml_parser.yaml"):
        assert (resources.files("rubrika.messages") / name).is_file(), name
