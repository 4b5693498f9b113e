"""Command-line conventions: shell completion in a real bash, NO_COLOR and plain output,
`python -m followup`, XDG paths, and what start-up imports.

Most of these need a real process: a shell, a terminal, an interpreter starting up.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.cli.helpers import run, run_json

BIN = Path(sys.executable).parent
FOLLOWUP = BIN / "followup"
ANSI = "\x1b["


def _env(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def _followup(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "followup", *args],
        capture_output=True,
        text=True,
        env=env or _env(),
        timeout=60,
        check=False,
    )


# --- Shell completion ---------------------------------------------------------------------------

BASH = shutil.which("bash")


def _complete_in_bash(words: list[str], cword: int, tmp_path: Path) -> list[str]:
    """What bash offers after sourcing followup's own completion script."""
    assert BASH is not None
    env = _env(PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", _FOLLOWUP_COMPLETE=None)
    script = subprocess.run(
        [str(FOLLOWUP)],
        env={**env, "_FOLLOWUP_COMPLETE": "source_bash"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "complete -o default -F _followup_completion followup" in script
    source = tmp_path / "followup-completion.bash"
    source.write_text(script)
    words_array = " ".join(f"'{word}'" for word in words)
    program = textwrap.dedent(
        f"""
        source '{source}'
        COMP_WORDS=({words_array})
        COMP_CWORD={cword}
        _followup_completion followup
        printf '%s\\n' "${{COMPREPLY[@]}}"
        """
    )
    done = subprocess.run(
        [BASH, "--norc", "--noprofile", "-c", program],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.split()


@pytest.mark.skipif(BASH is None, reason="bash is not installed, so bash completion cannot run")
@pytest.mark.skipif(
    not FOLLOWUP.exists(), reason="the followup script is not installed beside python"
)
@pytest.mark.parametrize(
    ("words", "cword", "offered", "not_offered"),
    [
        (["followup", "lo"], 1, "log-call", "list"),
        (["followup", "log-call", "1", "--v"], 3, "--via", "--note"),
        (["followup", "config", "sh"], 2, "show", "path"),
    ],
    ids=["a subcommand", "an option", "a config subcommand"],
)
def test_bash_completes_commands_and_options(
    words: list[str], cword: int, offered: str, not_offered: str, tmp_path: Path
) -> None:
    offers = _complete_in_bash(words, cword, tmp_path)
    assert offered in offers
    assert not_offered not in offers


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_completion_script_is_there_for_each_documented_shell(shell: str) -> None:
    done = _followup(env=_env(_FOLLOWUP_COMPLETE=f"source_{shell}"))
    assert done.returncode == 0, done.stderr
    assert "_FOLLOWUP_COMPLETE=complete_" + shell in done.stdout


# --- Plain output -------------------------------------------------------------------------------


def _one_application() -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "555 0100")
    run("log-call", "1", "--on", "2026-11-19")  # early: a warning in colour on a terminal


def test_cli_runner_output_has_no_ansi_escapes_even_for_a_colour_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    _one_application()
    for args in (["show", "1"], ["due"], ["list"], ["log-call", "1", "--on", "2026-11-20"]):
        result = run(*args)
        assert ANSI not in result.stdout + result.stderr, args


def test_a_real_process_writes_plain_text_to_a_pipe_with_no_color() -> None:
    _one_application()
    env = _env(NO_COLOR="1", FORCE_COLOR=None, TERM="xterm-256color")
    for args in (["show", "1"], ["due"], ["show", "99"]):
        done = _followup(*args, env=env)
        assert ANSI not in done.stdout + done.stderr, args
        assert done.stdout or done.stderr


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """The output of followup run on a pseudo-terminal, as a user's terminal shows it."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        subprocess.run(
            [sys.executable, "-m", "followup", *args],
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=follower,
            env=env,
            timeout=60,
            check=True,
        )
    finally:
        os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end is closed and everything was read
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return shown.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are a POSIX thing")
def test_no_color_gives_plain_text_even_on_a_terminal() -> None:
    _one_application()
    colour = _env(NO_COLOR=None, FORCE_COLOR=None, TERM="xterm-256color", COLUMNS="100")
    # On a terminal, followup uses bold and colour ...
    assert ANSI in _on_a_terminal(["show", "1"], colour)
    # ... and NO_COLOR turns every style off, not only the colours; FORCE_COLOR cannot undo it.
    for extra in ({"NO_COLOR": "1"}, {"NO_COLOR": "1", "FORCE_COLOR": "1"}):
        shown = _on_a_terminal(["show", "1"], {**colour, **extra})
        assert "Acme" in shown
        assert ANSI not in shown, extra


# --- python -m followup -------------------------------------------------------------------------


def test_python_dash_m_followup_runs_the_cli() -> None:
    from followup import __version__

    done = _followup("--version")
    assert (done.returncode, done.stdout) == (0, f"followup {__version__}\n")
    added = _followup("add", "Acme", "Analyst", "--json")
    assert added.returncode == 0, added.stderr
    assert "\n#1 Acme - Analyst [applied]\n" in _followup("show", "1").stdout


# --- Where the data lives -----------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_the_database_follows_xdg_with_followup_db_and_db_above_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FOLLOWUP_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    run("add", "Xdg", "Analyst")
    assert (tmp_path / "data" / "followup" / "followup.db").is_file()

    monkeypatch.setenv("FOLLOWUP_DB", str(tmp_path / "env.db"))
    run("add", "Env", "Analyst")
    run("--db", str(tmp_path / "option.db"), "add", "Option", "Analyst")
    assert [a["company"] for a in run_json("list")] == ["Env"]
    assert [a["company"] for a in run_json("--db", str(tmp_path / "option.db"), "list")] == [
        "Option"
    ]
    monkeypatch.delenv("FOLLOWUP_DB")
    assert [a["company"] for a in run_json("list")] == ["Xdg"]


# --- What start-up imports ----------------------------------------------------------------------

SLOW = ("tomllib", "holidays", "phonenumbers", "email_validator", "sqlalchemy")
PROBE = textwrap.dedent(
    """
    import sys
    sys.argv = ["followup", *sys.argv[1:]]
    from followup.cli import main
    try:
        main()
    except SystemExit:
        pass
    print("LOADED:", ",".join(m for m in {slow!r} if m in sys.modules))
    """
)


def _loaded(args: list[str], env: dict[str, str]) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(slow=SLOW), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=env,
    )
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("LOADED:"), done.stdout + done.stderr
    return [name for name in last.removeprefix("LOADED:").strip().split(",") if name]


@pytest.mark.parametrize(
    ("argv", "extra"),
    [
        (["--help"], {}),
        (["--version"], {}),
        (["config", "--help"], {}),
        (
            [],
            {"_FOLLOWUP_COMPLETE": "complete_bash", "COMP_WORDS": "followup lo", "COMP_CWORD": "1"},
        ),
    ],
    ids=["help", "version", "config help", "completion"],
)
def test_help_version_and_completion_read_no_settings(
    argv: list[str], extra: dict[str, str], tmp_path: Path
) -> None:
    config = tmp_path / "xdg-config" / "followup"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text('holidays = "US"\nphone_region = "US"\n')
    assert _loaded(argv, _env(**extra)) == []


@pytest.mark.sqlite_only
def test_the_morning_view_does_not_load_the_holiday_calendar_once_windows_are_current(
    tmp_path: Path,
) -> None:
    config = tmp_path / "xdg-config" / "followup"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text('holidays = "US"\n')
    run("add", "Acme", "Analyst", "--phone", "555 0100")
    run("due")  # works the windows out with the holidays, once
    assert _loaded(["due"], _env()) == ["tomllib"]
