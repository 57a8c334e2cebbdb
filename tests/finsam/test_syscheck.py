"""`make run` and `make test` install the Debian packages they need, or print the one line that does."""

import subprocess
from unittest import mock

import pytest

from finsam import syscheck


@pytest.fixture
def bare_machine(monkeypatch):
    """A Debian machine with none of the packages: no Pango, fonts, pdftotext or Chromium."""
    monkeypatch.setattr(syscheck.ctypes.util, "find_library", lambda name: None)
    monkeypatch.setattr(syscheck, "_has_font", lambda family, path: False)
    monkeypatch.setattr(syscheck, "chromium_present", lambda: False)
    monkeypatch.setattr(
        syscheck.shutil, "which", lambda name: "/usr/bin/apt-get" if name == "apt-get" else None
    )
    monkeypatch.delenv("REQUIRE_BROWSER", raising=False)


def test_a_bare_machine_lacks_pango_fonts_poppler_and_chromium_for_the_tests(bare_machine):
    required, optional = syscheck.missing_packages("test")
    assert required == [
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "libharfbuzz-subset0",
        "fonts-crosextra-carlito",
        "fonts-dejavu-core",
        "poppler-utils",
    ]
    assert optional == ["chromium", "npm"]


def test_serving_needs_neither_poppler_nor_chromium(bare_machine):
    assert syscheck.missing_packages("run") == (
        [
            "libpango-1.0-0",
            "libpangoft2-1.0-0",
            "libharfbuzz-subset0",
            "fonts-crosextra-carlito",
            "fonts-dejavu-core",
        ],
        [],
    )


def test_root_installs_the_missing_packages_with_apt_get(bare_machine, monkeypatch):
    monkeypatch.setattr(syscheck.os, "geteuid", lambda: 0)
    with mock.patch.object(
        syscheck.subprocess, "run", return_value=subprocess.CompletedProcess([], 0)
    ) as run:
        assert syscheck.install("test") == 0
    commands = [call.args[0] for call in run.call_args_list]
    assert commands == [
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0",
         "fonts-crosextra-carlito", "fonts-dejavu-core", "poppler-utils", "chromium", "npm"],
    ]  # fmt: skip
    assert run.call_args.kwargs["env"]["DEBIAN_FRONTEND"] == "noninteractive"


def test_passwordless_sudo_is_used_when_not_root(bare_machine, monkeypatch):
    monkeypatch.setattr(syscheck.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(
        syscheck.shutil, "which", lambda name: f"/usr/bin/{name}" if name in {"sudo", "apt-get"} else None
    )
    with mock.patch.object(
        syscheck.subprocess, "run", return_value=subprocess.CompletedProcess([], 0)
    ) as run:
        assert syscheck.install("run") == 0
    assert run.call_args_list[0].args[0] == ["sudo", "-n", "true"]
    assert run.call_args_list[-1].args[0][:4] == ["sudo", "-n", "apt-get", "install"]


def test_without_root_or_sudo_the_one_apt_get_line_is_printed_and_nothing_runs(
    bare_machine, monkeypatch, capsys
):
    monkeypatch.setattr(syscheck.os, "geteuid", lambda: 1000)
    with mock.patch.object(syscheck.subprocess, "run") as run:
        assert syscheck.install("test") == 1
    run.assert_not_called()
    assert capsys.readouterr().err == (
        "FEL: Debian-paket saknas. Installera dem och försök igen:\n"
        "  sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
        "fonts-crosextra-carlito fonts-dejavu-core poppler-utils chromium npm\n"
    )


def test_only_chromium_missing_is_a_warning_unless_the_browser_is_required(monkeypatch, capsys):
    monkeypatch.setattr(syscheck, "chromium_present", lambda: False)
    monkeypatch.setattr(syscheck.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(syscheck, "_apt_prefix", lambda: None)
    monkeypatch.delenv("REQUIRE_BROWSER", raising=False)
    assert syscheck.install("test") == 0
    assert "sudo apt-get install -y chromium" in capsys.readouterr().err
    monkeypatch.setenv("REQUIRE_BROWSER", "1")
    assert syscheck.install("test") == 1


def test_a_complete_machine_installs_nothing(monkeypatch):
    monkeypatch.setattr(syscheck, "missing_packages", lambda purpose: ([], []))
    with mock.patch.object(syscheck.subprocess, "run") as run:
        assert syscheck.install("test") == 0
    run.assert_not_called()


def test_missing_axe_core_stops_the_tests_only_when_the_browser_is_required(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(syscheck, "AXE", str(tmp_path / "axe.min.js"))
    monkeypatch.setattr(syscheck, "weasyprint_problem", lambda: None)
    monkeypatch.setattr(syscheck, "_has_font", lambda family, path: True)
    monkeypatch.setattr(syscheck, "chromium_present", lambda: True)
    monkeypatch.delenv("REQUIRE_BROWSER", raising=False)
    assert syscheck.main("test") == 0
    assert "OBS: axe-core saknas" in capsys.readouterr().err
    monkeypatch.setenv("REQUIRE_BROWSER", "1")
    assert syscheck.main("test") == 1
    assert "FEL: axe-core saknas" in capsys.readouterr().err


def test_npm_is_required_with_the_browser_tests_in_ci(bare_machine, monkeypatch):
    monkeypatch.setenv("REQUIRE_BROWSER", "1")
    required, optional = syscheck.missing_packages("test")
    assert required[-2:] == ["chromium", "npm"]
    assert optional == []
