"""The packaging files: the spec names real files, desktop integration is well formed,
icons exist for every platform, the version has one source."""

from __future__ import annotations

import configparser
import re
import subprocess
import sys
from pathlib import Path

from annotator import __version__
from tests.conftest import ROOT


def test_version_has_one_source():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{__version__}"' in pyproject
    assert "from annotator import __version__" in (ROOT / "build.spec").read_text(encoding="utf-8")


def test_spec_refers_to_files_that_exist_and_no_absolute_paths():
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    for rel in re.findall(r'ROOT / "([^"]+)" / "([^"]+)"', spec):
        assert (ROOT.joinpath(*rel)).exists(), rel
    assert not re.search(r'["\'](/(home|usr|work|tmp|opt|root|Users)/|[A-Za-z]:[\\/])', spec), "absolute paths make the spec machine-specific"
    for icon in ("annotator.ico", "annotator.icns", "annotator-256.png"):
        assert (ROOT / "resources" / "icons" / icon).stat().st_size > 0


def test_desktop_entry_is_well_formed():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "resources" / "linux" / "annotator.desktop", encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application" and d["Exec"].startswith("annotator") and d["Icon"] == "annotator"
    assert "application/x-annotator-project" in d["MimeType"]
    assert d["Name[ar]"] if "Name[ar]" in d else d["GenericName[ar]"]
    mime = (ROOT / "resources" / "linux" / "annotator-mime.xml").read_text(encoding="utf-8")
    assert 'type="application/x-annotator-project"' in mime and '*.annotproj' in mime


def test_install_desktop_script_installs_and_removes(tmp_path):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "annotator").write_text("#!/bin/sh\n")
    (bundle / "annotator").chmod(0o755)
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run(["bash", str(ROOT / "scripts" / "install-desktop.sh"), str(bundle)], check=True, env=env, capture_output=True)
    desktop = (tmp_path / "data" / "applications" / "annotator.desktop").read_text(encoding="utf-8")
    assert f'Exec="{bundle}/annotator" %f' in desktop
    assert (tmp_path / "data" / "icons" / "hicolor" / "256x256" / "apps" / "annotator.png").exists()
    subprocess.run(["bash", str(ROOT / "scripts" / "install-desktop.sh"), "--remove"], check=True, env=env, capture_output=True)
    assert not (tmp_path / "data" / "applications" / "annotator.desktop").exists()


def test_icons_are_the_rendered_svg():
    from PySide6.QtGui import QImage

    for size in (16, 32, 256, 512):
        image = QImage(str(ROOT / "resources" / "icons" / f"annotator-{size}.png"))
        assert (image.width(), image.height()) == (size, size)


def test_resource_path_inside_a_bundle(monkeypatch, tmp_path):
    import sys

    from annotator import resources

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("fonts", "x.ttf") == Path(tmp_path) / "resources" / "fonts" / "x.ttf"


def test_every_package_is_listed_for_the_wheel():
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {p.parent.relative_to(ROOT).as_posix().replace("/", ".") for p in (ROOT / "annotator").rglob("__init__.py")}
    assert found | {"annotator.bundled"} == listed


def test_a_wheel_carries_every_resource(tmp_path):
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("annotator-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = {f"annotator/bundled/{p.relative_to(ROOT / 'resources').as_posix()}" for p in (ROOT / "resources").rglob("*") if p.is_file()}
    assert resources <= names, sorted(resources - names)[:5]
