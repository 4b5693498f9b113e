"""``add --from https://...``: fetching a posting from a real HTTP server on this machine.

The server is the standard library's, in a thread, on a loopback port: redirects, a
redirect loop, a slow answer (with a short timeout from FOLLOWUP_FETCH_TIMEOUT), an
oversize body, a PDF, 404 and 403. Nothing leaves the machine.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from followup import __version__
from tests.cli.helpers import run, run_json

POSTING = Path(__file__).resolve().parents[1] / "fixtures" / "postings" / "jsonld_graph.html"
SAVE_IT = "save the page from your browser and pass the file instead (--from page.html)"
seen_agents: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def answer(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/posting":
            self.answer(200, "text/html; charset=utf-8", POSTING.read_bytes())
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            self.redirect("/posting" if left == 0 else f"/hop/{left - 1}")
        elif path == "/loop":
            self.redirect("/loop")
        elif path == "/slow":
            time.sleep(3)
            self.answer(200, "text/html", b"<p>too late</p>")
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65_536 + b"</p>"
            try:
                for _ in range(120):  # about 8 MB, more than followup reads
                    self.wfile.write(chunk)
            except OSError:
                pass  # followup stopped reading, as it should
        elif path == "/pdf":
            self.answer(200, "application/pdf", b"%PDF-1.7\n")
        elif path == "/plain":
            text = b"Night Auditor\n\nNo phone calls please.\nWrite to desk@overlook.example.\n"
            self.answer(200, "text/plain; charset=utf-8", text)
        elif path == "/empty":
            self.answer(200, "text/html", b"<html><body><div id=app></div></body></html>")
        elif path == "/bot":
            self.answer(403, "text/html", b"<p>Are you a robot?</p>")
        else:
            self.answer(404, "text/html", b"<p>gone</p>")


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """followup hanging up early (a timeout, an oversize body) is expected; the
        traceback would land in the output the test reads."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loopback server is reached directly, whatever proxy this machine has."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("FOLLOWUP_FETCH_TIMEOUT", "0.5")


def test_a_posting_is_fetched_and_read_with_followups_user_agent(server: str) -> None:
    seen_agents.clear()
    result = run_json("add", "--from", f"{server}/posting")

    assert (result["company"], result["role"]) == ("Globex", "Data Analyst")
    assert result["do_not_call"] is True
    assert result["posting"]["source"] == f"{server}/posting"
    assert seen_agents == [f"followup/{__version__} (job-posting reader; no JavaScript)"]


def test_up_to_five_redirects_are_followed(server: str) -> None:
    result = run_json("add", "--from", f"{server}/hop/4", "--dry-run")

    assert result["would_add"]["company"] == "Globex"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/hop/5", "{server}/hop/5 redirects more than 5 times: " + SAVE_IT),
        ("/loop", "{server}/loop redirects more than 5 times: " + SAVE_IT),
        ("/slow", "127.0.0.1 did not send the page within 0.5 s: " + SAVE_IT),
        ("/huge", "{server}/huge is larger than 5 MB: " + SAVE_IT),
        ("/pdf", "{server}/pdf is a PDF: " + SAVE_IT + ", or paste its text (--from -)"),
        ("/missing", "{server}/missing answered 404 Not Found: " + SAVE_IT),
        (
            "/bot",
            "{server}/bot turned followup away (403 Forbidden; many job sites let only "
            "browsers in): " + SAVE_IT,
        ),
        (
            "/empty",
            "{server}/empty has no text to read (a page built by JavaScript looks like this): "
            "open it in your browser, save it once it has loaded, and pass the file instead "
            "(--from page.html)",
        ),
    ],
)
def test_every_failure_is_one_line_saying_to_save_the_page(
    server: str, path: str, message: str
) -> None:
    result = run("add", "--from", f"{server}{path}", code=1)

    assert result.stderr == f"Error: {message.format(server=server)}\n"
    assert run_json("list") == []


def test_a_server_that_is_not_there_is_one_line() -> None:
    with socket.socket() as probe:  # a loopback port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    result = run("add", "--from", f"http://127.0.0.1:{port}/job", code=1)

    assert result.stderr == (
        f"Error: could not reach 127.0.0.1 (the connection was refused): {SAVE_IT}\n"
    )


def test_a_plain_text_answer_is_read_as_pasted_text(server: str) -> None:
    result = run_json(
        "add", "--from", f"{server}/plain", "--company", "Overlook", "--role", "Night Auditor"
    )

    assert result["contact"]["email"] == "desk@overlook.example"
    assert result["posting"]["deciding_sentences"] == ["No phone calls please."]


def test_a_fetch_timeout_that_is_not_a_number_is_refused(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWUP_FETCH_TIMEOUT", "soon")

    result = run("add", "--from", f"{server}/posting", code=2)

    assert result.stderr == (
        "Error: FOLLOWUP_FETCH_TIMEOUT='soon' is not a number of seconds (0 to 600)\n"
    )


def test_adding_without_from_never_loads_the_http_client_or_the_html_parser() -> None:
    probe = (
        "import sys\n"
        "sys.argv = ['followup', 'add', 'Acme', 'Analyst']\n"
        "from followup.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED:', [m for m in ('httpx', 'selectolax') if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )

    assert done.stdout.splitlines()[-1] == "LOADED: []", done.stdout + done.stderr
