"""Build what the hub test needs, at install time (`make hub-env`), into .venv/hub/:

- student/: the student environment exactly as an administrator installs it
  (binder/requirements.txt, no test tools, then binder/postBuild), plus the hub's own
  `jupyterhub` at the tested version, as a hub image provides it;
- node_modules/: JupyterHub's proxy, configurable-http-proxy, from npm.

The test's students are ordinary Unix users, so the student environment's Python must be
one they can run. A Python under a folder they cannot enter (pyenv in /root, mode 0700)
is copied first (its standard library, not its site-packages) into .venv/hub/python: the
role /opt/tljh/user plays on The Littlest JupyterHub. That copy finds its shared library
through LD_LIBRARY_PATH, which the test sets for the students' servers.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HUB = REPO / ".venv" / "hub"
CHP_VERSION = "5.3.0"


def everyone_can_run(path: Path) -> bool:
    path = path.resolve()
    if not path.stat().st_mode & stat.S_IXOTH:
        return False
    return all(parent.stat().st_mode & stat.S_IXOTH for parent in path.parents)


def portable_python() -> tuple[Path, dict[str, str]]:
    """A Python every user can run, and the environment it needs."""
    base = Path(sys._base_executable).resolve()
    if everyone_can_run(base):
        return base, {}
    prefix = Path(sys.base_prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    target = HUB / "python"
    (target / "bin").mkdir(parents=True)
    shutil.copy2(base, target / "bin" / version)
    (target / "bin" / "python3").symlink_to(version)
    (target / "lib").mkdir()
    for library in (prefix / "lib").glob(f"libpython{version[6:]}*.so*"):
        shutil.copy2(library, target / "lib" / library.name, follow_symlinks=True)
    stdlib = Path(sysconfig.get_paths(vars={"base": str(prefix), "installed_base": str(prefix)})["stdlib"])
    shutil.copytree(stdlib, target / "lib" / version, symlinks=True,
                    ignore=shutil.ignore_patterns("site-packages", "test", "idlelib", "config-*", "tkinter"))
    (target / "lib" / version / "site-packages").mkdir()
    return target / "bin" / version, {"LD_LIBRARY_PATH": str(target / "lib")}


def run(command: list, **kwargs) -> None:
    print("+", " ".join(map(str, command)), flush=True)
    subprocess.run(command, check=True, **kwargs)


def install_collection() -> None:
    """The collection itself again (helpers changed): as the install line's last entry, `.`, does."""
    env = dict(os.environ)
    if (HUB / "environment").exists():
        env.update(line.split("=", 1) for line in (HUB / "environment").read_text().splitlines() if line)
    run([sys.executable, "-m", "pip", "--python", HUB / "student" / "bin" / "python", "install", "--quiet",
         "--no-deps", "--force-reinstall", "."], cwd=REPO, env=env)
    run(["chmod", "-R", "a+rX", HUB / "student"])


def main() -> None:
    if sys.argv[1:] == ["--collection"]:
        return install_collection()
    if HUB.exists():
        shutil.rmtree(HUB)
    HUB.mkdir(parents=True)
    python, extra_env = portable_python()
    env = dict(os.environ, **extra_env)
    student = HUB / "student"
    run([python, "-m", "venv", "--without-pip", student], env=env)
    pins = (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
    jupyterhub = next(line for line in pins if line.lower().startswith("jupyterhub=="))
    run([sys.executable, "-m", "pip", "--python", student / "bin" / "python", "install", "--quiet",
         "-c", "constraints.txt", "-r", "binder/requirements.txt", jupyterhub], cwd=REPO, env=env)
    run(["sh", "binder/postBuild"], cwd=REPO, env=dict(env, PYTHON=str(student / "bin" / "python")))
    (HUB / "environment").write_text("".join(f"{k}={v}\n" for k, v in extra_env.items()))
    if shutil.which("npm"):
        run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", HUB,
             f"configurable-http-proxy@{CHP_VERSION}"])
    else:
        print("npm not found: the hub test will be skipped (install Node.js 20 and npm).")
    run(["chmod", "-R", "a+rX", HUB])  # readable by every user, as /opt/tljh/user is


if __name__ == "__main__":
    main()
