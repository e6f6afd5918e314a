"""A class on one server: a real JupyterHub on loopback, three students, nbgitpuller, their journals.

What a hub administrator sets up from the README, end to end: JupyterHub with its proxy
(configurable-http-proxy from npm), a dummy authenticator and the local-process spawner,
which runs each student's server as that student's own Unix user, from the student
environment in binder/requirements.txt (built by `make hub-env`, no test tools in it).
Three students made by the test log in with the login form; each gets a copy of the
collection through nbgitpuller's own endpoint, from a local repository; each runs the
start notebook through the hub, in a kernel in their copy, and records a rating in their
journal; and no student can read another's journal.

Everything listens on 127.0.0.1 only, and everything the test starts or makes (the hub,
the proxy, the servers, the users and their homes) is stopped or removed at the end.
Needs root (to make users and run servers as them), as CI runs; otherwise it skips.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "tools"))
import hub_link  # noqa: E402

pytestmark = pytest.mark.hub

HUB_ENV = REPO / ".venv" / "hub"
SINGLEUSER = HUB_ENV / "student" / "bin" / "jupyterhub-singleuser"
PROXY = HUB_ENV / "node_modules" / ".bin" / "configurable-http-proxy"
NOTEBOOK = "notebooks/00_start_here.ipynb"
TARGET = "balkans-claims"  # the folder nbgitpuller makes in each home, as in the README's link
JOURNAL = "~/balkans-claims-journal.json"  # the README's c.Spawner.environment setting for the journal


def why_no_hub() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return ("hub test skipped: it makes three Unix users and runs a server as each, which needs root "
                "(CI runs as root). Run `make test` as root to include it.")
    for tool in ("useradd", "userdel", "git", "node"):
        if not shutil.which(tool):
            return f"hub test skipped: `{tool}` is not installed."
    if not SINGLEUSER.exists():
        return "hub test skipped: the student environment is not built; run `make hub-env` (make test does)."
    if not PROXY.exists():
        return ("hub test skipped: configurable-http-proxy is not installed (needs npm); "
                "install Node.js 20 and npm, then run `make hub-env`.")
    python = (HUB_ENV / "student" / "bin" / "python").resolve()
    if not all(p.stat().st_mode & stat.S_IXOTH for p in python.parents):
        return f"hub test skipped: other users cannot enter a folder above {python}; move the collection."
    return None


@pytest.fixture(autouse=True)
def _needs_hub():
    reason = why_no_hub()
    if reason:
        pytest.skip(reason)


def test_the_student_environment_has_these_helpers():
    """The hub serves the helpers installed in the student environment: they must be this checkout's."""
    site = next((HUB_ENV / "student" / "lib").glob("python3*/site-packages"))
    stale = [p.name for p in sorted((REPO / "helpers").glob("*.py"))
             if not (site / "helpers" / p.name).exists() or (site / "helpers" / p.name).read_bytes() != p.read_bytes()]
    assert stale == [], f"the student environment has older helpers ({', '.join(stale)}): run `make hub-env`"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Student:
    name: str
    home: Path
    uid: int
    token: str = ""

    @property
    def journal(self) -> Path:  # where the README's hub setting puts it: in the home, beside the copy
        return self.home / JOURNAL.removeprefix("~/")


@contextmanager
def unix_users(root: Path, count: int, repository: Path):
    """Users made for this run only (unique names), removed with their homes afterwards.

    Each trusts the local repository, which root owns (git refuses another user's repository;
    a real hub pulls over https from a git host, where the question does not arise).
    """
    import pwd

    tag = secrets.token_hex(3)
    students = []
    try:
        for number in range(1, count + 1):
            name = f"bkst{tag}{number}"
            home = root / "home" / name
            subprocess.run(["useradd", "--create-home", "--home-dir", str(home), "--shell", "/bin/bash",
                            "--user-group", name], check=True, capture_output=True)
            students.append(Student(name, home, pwd.getpwnam(name).pw_uid))
            gitconfig = home / ".gitconfig"
            gitconfig.write_text(f"[safe]\n\tdirectory = {repository}\n")
            os.chown(gitconfig, students[-1].uid, pwd.getpwnam(name).pw_gid)
        yield students
    finally:
        for student in students:
            _stop_processes_of(student.uid)
            subprocess.run(["userdel", "--remove", student.name], capture_output=True)


def _stop_processes_of(uid: int) -> None:
    """Whatever still runs as a test-made user was started by this test (its hub): end it by pid."""
    import psutil

    left = [p for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real == uid]
    for process in left:
        process.terminate()
    _gone, alive = psutil.wait_procs(left, timeout=10)
    for process in alive:
        process.kill()


class Hub:
    def __init__(self, root: Path, students: list[Student]):
        self.root, self.students = root, students
        self.port, self.admin_token = free_port(), secrets.token_hex(32)
        self.base = f"http://127.0.0.1:{self.port}"
        self.password = secrets.token_hex(8)
        self.log = root / "jupyterhub.log"

    def config(self) -> str:
        environment = dict(line.split("=", 1) for line in
                           (HUB_ENV / "environment").read_text().splitlines() if line)
        environment["BALKANS_JOURNAL"] = JOURNAL  # as the README tells an administrator to set it
        return f"""
c = get_config()
c.JupyterHub.bind_url = "{self.base}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]
c.JupyterHub.db_url = "sqlite:///{self.root}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{self.root}/jupyterhub_cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {self.password!r}
c.Authenticator.allowed_users = {set(s.name for s in self.students)!r}
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [{str(SINGLEUSER)!r}]
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.environment = {environment!r}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.services = [{{"name": "teacher", "api_token": {self.admin_token!r}}}]
c.JupyterHub.load_roles = [{{"name": "admin", "services": ["teacher"]}}]
"""

    @contextmanager
    def running(self):
        (self.root / "jupyterhub_config.py").write_text(self.config())
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BALKANS_", "JUPYTER"))}
        command = [sys.executable, "-m", "jupyterhub", "-f", str(self.root / "jupyterhub_config.py")]
        with self.log.open("w") as log:
            hub = subprocess.Popen(command, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
            try:
                self._wait_until_up(hub)
                yield self
            finally:
                hub.send_signal(signal.SIGTERM)  # the hub stops the students' servers and its proxy
                try:
                    hub.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    os.killpg(hub.pid, signal.SIGKILL)  # its own session: the hub and the proxy it started
                    hub.wait()

    def _wait_until_up(self, hub) -> None:
        import requests

        deadline = time.time() + 90
        while time.time() < deadline:
            if hub.poll() is not None:
                break
            try:
                if requests.get(f"{self.base}/hub/api/", timeout=2).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"JupyterHub did not start; log:\n{self.tail()}")

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def api(self, method: str, path: str, **kwargs):
        import requests

        answer = requests.request(method, f"{self.base}/hub/api{path}", timeout=30,
                                  headers={"Authorization": f"token {self.admin_token}"}, **kwargs)
        answer.raise_for_status()
        return answer.json() if answer.content else None


def log_in(hub: Hub, student: Student):
    """The login form, as a student's browser sends it; the hub then starts their server."""
    import requests

    session = requests.Session()
    session.get(f"{hub.base}/hub/login", timeout=30).raise_for_status()
    answer = session.post(f"{hub.base}/hub/login", timeout=60, allow_redirects=True,
                          data={"username": student.name, "password": hub.password,
                                "_xsrf": session.cookies.get("_xsrf", "")})
    answer.raise_for_status()
    assert "/hub/login" not in answer.url, f"{student.name} could not log in: {answer.url}"
    return session


def wait_for_server(hub: Hub, student: Student) -> None:
    deadline = time.time() + 150
    while time.time() < deadline:
        server = hub.api("GET", f"/users/{student.name}").get("servers", {}).get("", {})
        if server.get("ready"):
            return
        time.sleep(1)
    raise AssertionError(f"{student.name}'s server did not start; hub log:\n{hub.tail()}")


def user_api(hub: Hub, student: Student, method: str, path: str, **kwargs):
    import requests

    return requests.request(method, f"{hub.base}/user/{student.name}/{path}", timeout=60,
                            headers={"Authorization": f"token {student.token}"}, **kwargs)


def follow_link(hub: Hub, student: Student, session, repository: Path, branch: str) -> dict:
    """Open the README's nbgitpuller link as the logged-in student; the query its page pulls with."""
    url = hub_link.link(hub.base, f"file://{repository}", branch)
    page = session.get(url, timeout=60)  # the hub sends the student on to their own server's git-pull page
    page.raise_for_status()
    assert urlsplit(page.url).path == f"/user/{student.name}/git-pull", page.url
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert query["targetpath"] == TARGET and query["urlpath"] == f"lab/tree/{TARGET}/{NOTEBOOK}"
    return query


def git_pull(hub: Hub, student: Student, query: dict) -> list[dict]:
    """nbgitpuller's own endpoint, the one its link's page calls: progress events until it finishes."""
    answer = user_api(hub, student, "GET", "git-pull/api", stream=True,
                      params={k: query[k] for k in ("repo", "branch", "targetpath")})
    answer.raise_for_status()
    events = []
    for line in answer.iter_lines(decode_unicode=True):
        if line and line.startswith("data:"):
            events.append(json.loads(line[5:]))
            if events[-1].get("phase") in ("finished", "error"):
                break
    answer.close()
    return events


class Kernel:
    """A kernel of the student's server, driven over the hub's proxy as JupyterLab drives it."""

    def __init__(self, hub: Hub, student: Student, notebook_path: str):
        import websocket

        session = user_api(hub, student, "POST", "api/sessions",
                           json={"path": notebook_path, "type": "notebook", "name": Path(notebook_path).name,
                                 "kernel": {"name": "python3"}})
        session.raise_for_status()
        self.kernel_id = session.json()["kernel"]["id"]
        url = f"ws://127.0.0.1:{hub.port}/user/{student.name}/api/kernels/{self.kernel_id}/channels"
        self.socket = websocket.create_connection(url, timeout=120,
                                                  header=[f"Authorization: token {student.token}"])
        self.session = uuid.uuid4().hex

    def run(self, code: str) -> tuple[str, list[str]]:
        """Run one cell; its printed text and its errors."""
        msg_id = uuid.uuid4().hex
        self.socket.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "student", "session": self.session,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        text, errors, replied, idle = [], [], False, False
        deadline = time.time() + 180
        while not (replied and idle):
            assert time.time() < deadline, f"a cell did not finish: {code[:200]}"
            message = json.loads(self.socket.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                text.append(content["text"])
            elif kind == "error":
                errors.append(f"{content['ename']}: {content['evalue']}")
            elif kind == "execute_reply":
                replied = True
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        return "".join(text), errors

    def close(self) -> None:
        self.socket.close()


RECORD = """
import json, helpers
from helpers import data, journal
journal.Journal().record("rating", "T", {{"stars": {stars}, "reason": "My own reason, {name}."}},
                         notebook="00_start_here.ipynb")
print(json.dumps({{"data": str(data.DATA_DIR), "journal": str(journal.journal_path()), "helpers": helpers.__file__,
                  "sources": len(data.load("sources"))}}))
"""

TRY_TO_READ = """
for path in {paths!r}:
    try:
        open(path, encoding="utf-8").read()
        print("READ", path)
    except PermissionError:
        print("DENIED", path)
"""


def memory_of(uid: int) -> int:
    """Resident memory of everything running as this user, in MB (their server and kernel)."""
    import psutil

    processes = [p for p in psutil.process_iter(["uids", "memory_info"]) if p.info["uids"] and p.info["uids"].real == uid]
    return round(sum(p.info["memory_info"].rss for p in processes) / 2**20)


def code_cells(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def test_three_students_on_one_hub(tmp_path_factory):
    root = Path(tempfile.mkdtemp(prefix="balkans-hub-"))  # not pytest's tmp: students must enter it
    root.chmod(0o755)
    try:
        # The collection as the teacher's git host holds it: a repository the students' servers pull from.
        repository = root / "balkans-claims.git"
        subprocess.run(["git", "clone", "--quiet", "--bare", "--no-local", str(REPO), str(repository)], check=True)
        branch = subprocess.run(["git", "-C", str(repository), "symbolic-ref", "--short", "HEAD"],
                                check=True, capture_output=True, text=True).stdout.strip()
        subprocess.run(["chmod", "-R", "a+rX", str(repository)], check=True)
        with unix_users(root, 3, repository) as students, Hub(root, students).running() as hub:
            sessions = [log_in(hub, s) for s in students]  # all three log in, as a class does at once
            for student in students:
                wait_for_server(hub, student)
                student.token = hub.api("POST", f"/users/{student.name}/tokens",
                                        json={"note": "hub test", "expires_in": 900})["token"]
            for student, session in zip(students, sessions):
                events = git_pull(hub, student, follow_link(hub, student, session, repository, branch))
                assert events and events[-1]["phase"] == "finished", (student.name, events[-3:])
                copy = student.home / TARGET
                assert (copy / NOTEBOOK).exists() and (copy / "data" / "datapackage.json").exists()
                assert (copy / NOTEBOOK).stat().st_uid == student.uid  # the student's own copy
            results, kernels = {}, {}
            try:
                for number, student in enumerate(students, start=1):
                    kernel = kernels[student.name] = Kernel(hub, student, f"{TARGET}/{NOTEBOOK}")
                    for cell in code_cells(student.home / TARGET / NOTEBOOK):  # the start notebook, top to bottom
                        _output, errors = kernel.run(cell)
                        assert errors == [], (student.name, cell[:200], errors)
                    output, errors = kernel.run(RECORD.format(stars=number + 1, name=student.name))
                    assert errors == [], (student.name, errors)
                    results[student.name] = json.loads(output.strip().splitlines()[-1])
                for student in students:  # every journal now exists: each student tries the others'
                    others = [str(s.journal) for s in students if s is not student]
                    output, errors = kernels[student.name].run(TRY_TO_READ.format(paths=others))
                    assert errors == [] and output.split().count("DENIED") == 2, (student.name, output, errors)
                memory = {s.name: memory_of(s.uid) for s in students}  # server and kernel, after the notebook
                print(f"memory per student (MB, server + kernel, resident): {sorted(memory.values())}")
                assert all(100 < mb < 1500 for mb in memory.values()), memory
            finally:
                for kernel in kernels.values():
                    kernel.close()
            # The app view on the hub (tools/hub_link.py --app voila): Voila renders the notebook, code hidden.
            app = user_api(hub, students[0], "GET", f"voila/render/{TARGET}/{NOTEBOOK}")
            html = app.content.decode("utf-8")
            assert app.ok and "in our words, and the notebook that tests each" in html, html[-2000:]
            assert "from helpers import" not in html
            for number, student in enumerate(students, start=1):
                result = results[student.name]
                # The kernel read the student's pulled copy, not the environment's: the helpers come
                # from the installed package, which carries no data/ of its own.
                assert Path(result["data"]) == (student.home / TARGET / "data").resolve(), result
                assert str(HUB_ENV / "student") in result["helpers"], result
                assert result["sources"] > 0
                assert Path(result["journal"]) == student.journal, result
                saved = json.loads(student.journal.read_text(encoding="utf-8"))["entries"]
                assert [(e["kind"], e["key"], e["value"]["stars"]) for e in saved] == [("rating", "T", number + 1)]
                mode = student.journal.stat()
                assert mode.st_uid == student.uid and stat.S_IMODE(mode.st_mode) & 0o077 == 0, oct(mode.st_mode)
            for session in sessions:
                session.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
