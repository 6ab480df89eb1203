"""The systemd units in systemd/: they load cleanly (systemd-analyze verify) and stay sandboxed
(systemd-analyze security --offline=yes scores 2.0 or lower for the system units).

Both checks run the real systemd-analyze on copies of the units in a temporary folder.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

UNITS = Path(__file__).resolve().parent.parent / "systemd"
SYSTEM_UNITS = ("coffeechat.service", "coffeechat@.service")
USER_UNIT = "coffeechat-user.service"
INSTALLED = "/usr/local/bin/coffeechat"  # where the system units expect the command
MAX_EXPOSURE = 2.0

ANALYZE = shutil.which("systemd-analyze")
needs_analyze = pytest.mark.skipif(
    ANALYZE is None and not os.environ.get("CI"),
    reason="systemd-analyze is not installed (apt-get install systemd); on CI this test fails instead",
)


def _analyze(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    assert ANALYZE is not None, "systemd-analyze is required on CI (apt-get install systemd)"
    return subprocess.run([ANALYZE, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "SYSTEMD_COLORS": "0", **(env or {})})


def _fake_command(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def _system_copy(name: str, folder: Path, text: str | None = None, as_name: str | None = None) -> Path:
    """The unit with ExecStart's command swapped for a fake one in `folder`.

    verify fails a unit whose ExecStart= binary does not exist, and /usr/local/bin/coffeechat is not
    installed here (nor should a test put it there); only the path changes, the arguments and
    specifiers stay as they are.
    """
    text = (UNITS / name).read_text() if text is None else text
    fake = _fake_command(folder / "bin" / "coffeechat")
    assert text.count(f"ExecStart={INSTALLED} ") == 1, f"{name}: ExecStart= should run {INSTALLED}"
    copy = folder / (as_name or name)
    copy.write_text(text.replace(f"ExecStart={INSTALLED} ", f"ExecStart={fake} "))
    return copy


def _problems(result: subprocess.CompletedProcess[str], folder: Path) -> list[str]:
    """What verify said about our unit. It exits 0 even for unknown keys and values it cannot
    parse (it only logs "…, ignoring"), so its output is read too: every line is a problem
    except those about the host's own unit files (paths outside `folder`), which a test
    machine may well have.
    """
    lines = (result.stdout + result.stderr).splitlines()
    return [line for line in lines
            if line.strip() and not (line.startswith("/") and not line.startswith(str(folder)))]


def _verify_system(copy: Path) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    result = _analyze("verify", "--man=no", str(copy))
    return result, _problems(result, copy.parent)


@needs_analyze
@pytest.mark.parametrize(("name", "as_name"), [
    ("coffeechat.service", None),
    ("coffeechat@.service", None),  # verify loads a template as the instance "i"
    ("coffeechat@.service", "coffeechat@work.service"),  # as `systemctl enable --now coffeechat@work` would
])
def test_system_unit_verifies(name: str, as_name: str | None, tmp_path: Path) -> None:
    result, problems = _verify_system(_system_copy(name, tmp_path, as_name=as_name))
    assert result.returncode == 0 and problems == [], result.stdout + result.stderr


@needs_analyze
def test_user_unit_verifies(tmp_path: Path) -> None:
    """As `systemctl --user` would load it: %h is a home with ~/.local/bin/coffeechat in it; the file is unchanged."""
    home, runtime = tmp_path / "home", tmp_path / "run"
    _fake_command(home / ".local" / "bin" / "coffeechat")
    runtime.mkdir(mode=0o700)
    units = tmp_path / "units"
    units.mkdir()
    copy = units / "coffeechat.service"  # the name it is installed under
    shutil.copyfile(UNITS / USER_UNIT, copy)
    env = {"HOME": str(home), "XDG_RUNTIME_DIR": str(runtime), "XDG_CONFIG_HOME": str(home / ".config")}
    result = _analyze("--user", "verify", "--man=no", str(copy), env=env)
    problems = _problems(result, tmp_path)
    assert result.returncode == 0 and problems == [], result.stdout + result.stderr


@needs_analyze
def test_verify_output_is_read_not_just_its_exit_status(tmp_path: Path) -> None:
    """The check above would catch a typo: verify itself exits 0 for one."""
    text = (UNITS / "coffeechat.service").read_text().replace("ProtectHome=yes", "ProtectHomme=yes")
    result, problems = _verify_system(_system_copy("coffeechat.service", tmp_path, text))
    assert result.returncode == 0  # systemd only says "Unknown key …, ignoring"
    assert any("ProtectHomme" in line for line in problems), result.stderr


def _exposure(path: Path, *options: str, env: dict[str, str] | None = None) -> float:
    result = _analyze("security", "--offline=yes", *options, str(path), env=env)
    found = re.search(r"Overall exposure level for \S+: (\d+(?:\.\d+)?)", result.stdout)
    assert result.returncode == 0 and found, result.stdout + result.stderr
    return float(found.group(1))


@needs_analyze
@pytest.mark.parametrize("name", SYSTEM_UNITS)
def test_system_unit_is_sandboxed(name: str, tmp_path: Path) -> None:
    copy = tmp_path / name
    shutil.copyfile(UNITS / name, copy)
    score = _exposure(copy)
    assert score <= MAX_EXPOSURE, f"{name}: exposure {score} > {MAX_EXPOSURE}: see systemd-analyze security"
    # The same bound as systemd-analyze's own gate (its threshold is the score times ten).
    gate = _analyze("security", "--offline=yes", f"--threshold={int(MAX_EXPOSURE * 10)}", str(copy))
    assert gate.returncode == 0, gate.stdout


def _settings(name: str) -> dict[str, list[str]]:
    """Key → values of a unit file (enough of systemd's syntax for ours: no continuation lines)."""
    found: dict[str, list[str]] = {}
    for line in (UNITS / name).read_text().splitlines():
        line = line.strip()
        if line and not line.startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


@pytest.mark.parametrize("name", [*SYSTEM_UNITS, USER_UNIT])
def test_what_the_daemon_relies_on(name: str) -> None:
    """Not a style check: each of these is something the daemon or the settings code counts on."""
    unit = _settings(name)
    assert unit["Type"] == ["notify"]  # the daemon sends READY=1
    assert unit["NotifyAccess"] == ["main"]  # a password command cannot speak for it
    assert unit["WatchdogSec"] and unit["RestartPreventExitStatus"] == ["2"]  # exit 2: bad settings
    assert unit["Restart"] == ["on-failure"]
    assert re.fullmatch(r"\S+/coffeechat --env-file \S+\.env run", unit["ExecStart"][0])


@pytest.mark.parametrize(("name", "database", "credential"), [
    ("coffeechat.service", "%S/coffeechat/coffeechat.sqlite3", "imap-password:/etc/coffeechat/imap-password"),
    ("coffeechat@.service", "%S/coffeechat/%i/coffeechat.sqlite3", "imap-password:/etc/coffeechat/%i.imap-password"),
])
def test_system_units_hand_over_the_database_and_the_password(name: str, database: str, credential: str) -> None:
    unit = _settings(name)
    assert f"COFFEECHAT_DATABASE={database}" in unit["Environment"]
    assert unit["LoadCredential"] == [credential]  # $CREDENTIALS_DIRECTORY/imap-password, whatever the instance
    assert "EnvironmentFile" not in unit  # coffeechat reads --env-file itself, with its own rules
    state = database.removeprefix("%S/").rpartition("/")[0]
    assert unit["StateDirectory"] == [state]
