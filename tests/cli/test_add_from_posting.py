"""``add --from``: a job posting read from a saved page or pasted text, end to end.

The pages are in tests/fixtures/postings, written in the styles applicant-tracking
sites use (JSON-LD with @graph, JSON-LD with HTML in its description, microdata only,
no structured data, two postings on one page, broken JSON-LD). Fetching over HTTP is in
tests/integration/test_posting_fetch.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from followup.cli import app
from tests.cli.helpers import run, run_json, runner

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "postings"


def page(name: str) -> str:
    return str(PAGES / f"{name}.html")


@pytest.fixture(autouse=True)
def in_the_us(tmp_path: Path) -> None:
    """Phone numbers in the pages are read as US numbers (the phone_region setting)."""
    folder = tmp_path / "xdg-config" / "followup"
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_text('phone_region = "US"\n')


def test_a_json_ld_graph_gives_company_role_link_dates_and_the_only_email() -> None:
    result = run("add", "--from", page("jsonld_graph"))

    assert result.stdout.splitlines() == [
        f"Read from {page('jsonld_graph')}:",
        "  company: Globex (JobPosting.hiringOrganization.name)",
        "  role: Data Analyst (JobPosting.title)",
        "  url: https://boards.example/globex/jobs/4012 (JobPosting.url)",
        "  email: dana.okafor@globex.example (the posting's text)",
        "  posted: 2026-11-20 (JobPosting.datePosted)",
        "  apply by: 2026-12-31 (JobPosting.validThrough)",
        '  do not call: yes, the posting says "Please do not call the office about this role"',
        "#1 Globex - Data Analyst [applied]",
        "Nothing due: the posting asked candidates not to call, so there is no follow-up "
        "before an interview: the next move is theirs.",
    ]
    saved = run_json("show", "1")
    assert (saved["company"], saved["role"], saved["url"]) == (
        "Globex",
        "Data Analyst",
        "https://boards.example/globex/jobs/4012",
    )
    assert saved["contact"] == {"name": None, "phone": None, "email": "dana.okafor@globex.example"}
    assert (saved["do_not_call"], saved["no_email"]) == (True, False)
    assert saved["note"] == "Posting: posted 2026-11-20, apply by 2026-12-31."


def test_html_inside_a_json_ld_description_is_read_as_text() -> None:
    result = run_json("add", "--from", page("jsonld_html_description"))

    assert result["company"] == "Initech"
    assert result["contact"]["phone"] == "+16502530142"
    # "No calls<br>or emails from agencies, please." is one sentence, for agencies only.
    assert result["do_not_call"] is False
    assert result["posting"]["ignored_sentences"] == ["No calls or emails from agencies, please."]
    assert result["posting"]["read"][:2] == [
        {"field": "company", "value": "Initech", "from": "JobPosting.hiringOrganization"},
        {"field": "role", "value": "Support Engineer", "from": "JobPosting.title"},
    ]


def test_microdata_is_read_when_there_is_no_json_ld_and_two_emails_are_left_to_the_user() -> None:
    result = run("add", "--from", page("microdata_only"))

    assert "  company: Umbrella Corp (microdata JobPosting: hiringOrganization name)" in (
        result.stdout.splitlines()
    )
    assert (
        "  emails: hr@umbrella.example, hiring@umbrella.example "
        "(several, none kept: pick one with --email)"
    ) in result.stdout.splitlines()
    assert run_json("show", "1")["contact"]["email"] is None


def test_the_user_picks_one_of_several_emails_with_email() -> None:
    shown = run(
        "add", "--from", page("microdata_only"), "--email", "hr@umbrella.example", "--dry-run"
    )
    assert "  email: hr@umbrella.example (the command line)" in shown.stdout.splitlines()
    assert "several" not in shown.stdout

    result = run_json("add", "--from", page("microdata_only"), "--email", "hr@umbrella.example")

    assert result["contact"]["email"] == "hr@umbrella.example"
    assert {"field": "email", "value": "hr@umbrella.example", "from": "the command line"} in (
        result["posting"]["read"]
    )


def test_without_structured_data_company_and_role_are_labelled_guesses() -> None:
    result = run("add", "--from", page("no_structured_data"))

    lines = result.stdout.splitlines()
    assert lines[1:5] == [
        "  company: Hooli (a guess from <title>)",
        "  role: Warehouse Lead (a guess from <title>)",
        "  phone: +16502530177 (the posting's text)",
        "  email: jobs@hooli.example (the posting's text)",
    ]
    assert (
        '  not for you: "Recruiters/agencies need not call." (speaks to agencies and recruiters)'
        in lines
    )
    assert (
        "  The posting has no JobPosting data: company and role are guesses from its title. "
        "Check them, or give --company and --role."
    ) in lines
    assert run_json("show", "1")["next_contact"]["action"] == "call"


def test_of_two_postings_on_a_page_the_one_at_its_own_address_is_read() -> None:
    result = run_json("add", "--from", page("two_postings"))

    assert result["role"] == "QA Lead"
    assert result["posting"]["notes"] == [
        "the page has 2 JobPostings; read the one at the page's own address (number 2)"
    ]
    # "We do not accept phone calls or emails": neither channel, so no window at all.
    assert (result["do_not_call"], result["no_email"]) == (True, True)
    assert result["next_contact"] is None
    assert result["waiting"] == (
        "the posting asked for no calls or emails, so there is no follow-up before an "
        "interview: the next move is theirs"
    )


def test_broken_json_ld_is_skipped_and_said_so() -> None:
    result = run_json("add", "--from", page("broken_jsonld"), "--phone", "650-253-0188")

    assert result["posting"]["notes"] == ["skipped JSON-LD block 1: it is not valid JSON"]
    assert (result["company"], result["role"]) == ("Central Perk", "Barista")
    assert result["posting"]["guessed"] is True
    assert result["posting"]["phones_found"] == ["+16502530123", "+16502530188"]
    assert result["contact"]["phone"] == "+16502530188"


def test_values_on_the_command_line_win_over_the_posting() -> None:
    result = run_json(
        "add",
        "--from",
        page("jsonld_graph"),
        "--company",
        "Globex Corporation",
        "--url",
        "https://globex.example/jobs/1",
        "--call-ok",
    )

    assert (result["company"], result["role"]) == ("Globex Corporation", "Data Analyst")
    assert result["url"] == "https://globex.example/jobs/1"
    assert result["do_not_call"] is False
    assert result["posting"]["no_calls"] is True
    assert result["posting"]["call_ok"] is True


def test_call_ok_is_shown_overriding_the_posting() -> None:
    result = run("add", "--from", page("jsonld_graph"), "--call-ok")

    assert (
        '  do not call: no, --call-ok overrides "Please do not call the office about this role"'
        in result.stdout.splitlines()
    )


def test_dry_run_shows_what_was_read_and_saves_nothing() -> None:
    result = run("add", "--from", page("two_postings"), "--dry-run")

    assert result.stdout.splitlines()[-1] == "Dry run: nothing was saved."
    assert run_json("list") == []
    planned = run_json("add", "--from", page("two_postings"), "--dry-run")
    assert planned["dry_run"] is True
    assert planned["would_add"]["company"] == "Vandelay Industries"
    assert (planned["would_add"]["do_not_call"], planned["would_add"]["no_email"]) == (True, True)
    assert run_json("list") == []


def test_a_page_without_a_company_or_role_needs_them_typed() -> None:
    result = run("add", "--from", "-", code=2, input="Great team. No calls, please.\n")

    assert result.stderr == (
        "Error: no company or role could be read from the text on stdin "
        "(it read: 0 email(s), 0 phone(s)): give them with --company and --role\n"
    )
    assert run_json("list") == []


def test_pasted_text_with_typed_company_and_role_reads_the_rules_across_lines() -> None:
    text = (
        "Office Manager\n\nWe are a small team.\nQuestions go to office@dunder.example.\n"
        "Please do not\ncall or email the\nbranch.\n"
    )
    result = run_json(
        "add",
        "--from",
        "-",
        "--company",
        "Dunder Mifflin",
        "--role",
        "Office Manager",
        input=text,
    )

    assert result["contact"]["email"] == "office@dunder.example"
    assert (result["do_not_call"], result["no_email"]) == (True, True)
    assert result["posting"]["deciding_sentences"] == ["Please do not call or email the branch."]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("add", "Acme"),
            "give the company and the role (followup add COMPANY ROLE), "
            "or read them from a job posting with --from SOURCE",
        ),
        (("add", "Acme", "Analyst", "--dry-run"), "--dry-run goes with --from SOURCE"),
        (("add", "Acme", "Analyst", "--call-ok"), "--call-ok goes with --from SOURCE"),
        (
            ("add", "Acme", "Analyst", "--company", "Acme"),
            "give the company once: as COMPANY or as --company, not both",
        ),
        (
            ("add", "--from", "-", "--company", "A", "--role", "B", "--do-not-call", "--call-ok"),
            "--do-not-call and --call-ok say opposite things: give one of them",
        ),
    ],
)
def test_options_that_do_not_fit_together_are_refused(args: tuple[str, ...], message: str) -> None:
    result = runner.invoke(app, list(args), input="text\n")

    assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n"), result.stdout


def test_a_page_with_no_text_says_to_save_it_from_a_browser() -> None:
    result = run("add", "--from", page("nothing_to_read"), code=1)

    assert result.stderr == (
        f"Error: {page('nothing_to_read')} has no text to read (a page built by JavaScript "
        "looks like this): open it in your browser, save it once it has loaded, and pass "
        "the file instead (--from page.html)\n"
    )


def test_a_pdf_is_refused_with_what_to_do_instead(tmp_path: Path) -> None:
    pdf = tmp_path / "posting.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    result = run("add", "--from", str(pdf), code=1)

    assert result.stderr == (
        f"Error: {pdf} is a PDF, not a web page: copy its text and paste it (--from -)\n"
    )


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    result = run("add", "--from", str(tmp_path / "gone.html"), code=1)

    assert (
        result.stderr == f"Error: cannot read {tmp_path / 'gone.html'}: No such file or directory\n"
    )


def test_a_value_read_from_the_page_is_checked_like_typed_input(tmp_path: Path) -> None:
    long = tmp_path / "long.html"
    long.write_text(f"<html><head><title>{'Role ' * 60} at Acme</title></head></html>")

    result = run("add", "--from", str(long), code=2)

    assert result.stderr.startswith("Error: the role is too long"), result.stderr


def test_a_backup_from_before_no_email_restores_with_it_false(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("add", "--from", page("two_postings"))
    backup = tmp_path / "full.json"
    run("export", "--format", "json", "-o", str(backup))
    data = json.loads(backup.read_text())
    for row in data["tables"]["applications"]:
        del row["no_email"]
    data["migrations"].remove("007_posting_contact_rules")
    backup.write_text(json.dumps(data))

    monkeypatch.setenv("FOLLOWUP_PROFILE", "restored")
    run("import", str(backup))

    restored = run_json("show", str(run_json("list")[0]["id"]))
    assert (restored["do_not_call"], restored["no_email"]) == (True, False)


def test_edit_clears_or_sets_no_email() -> None:
    run("add", "--from", page("two_postings"))

    assert run_json("edit", "1", "--may-email")["no_email"] is False
    assert run_json("edit", "1", "--no-email")["no_email"] is True
