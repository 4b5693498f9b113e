"""The interview commands: questions, asked, prep, script and article.

They join the one Typer app from ``followup.cli`` (which imports this module
last) and follow its habits: parse, read the clock once, call one use case in
``followup.services.prep``, render; errors become messages in ``handled``. Heavy modules
are imported inside the commands so that ``followup --help`` stays light.
"""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli.base import (
    AppId,
    JsonFlag,
    app,
    console,
    handled,
    out,
    print_json,
    saved,
    session_for,
    stdout,
)
from followup.domain.prep import Round, ScriptVia
from followup.errors import BadInput


@app.command()
@handled
def questions(
    ctx: typer.Context,
    app_id: Annotated[
        int | None,
        typer.Argument(
            metavar="APP_ID",
            help="Fill the questions in from this application.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        Round | None,
        typer.Option(
            "--kind",
            help="Which round (default: the application's next interview, else first).",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        str | None,
        typer.Option(
            "--check",
            metavar="TEXT",
            help="Is this question fine to ask at that round? Exit 1 when it is not.",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Questions to ask your interviewers.

    --check tests one of your own for pay and benefits.
    """
    from followup.cli.render import prep as render_prep
    from followup.services import prep

    session = session_for(ctx)
    if check is not None:
        verdict = prep.check(session.db, session.today, check, app_id, kind)
        if as_json:
            print_json(render_prep.check_json(verdict))
        else:
            render_prep.print_check(console(), verdict)
        if not verdict.allowed:
            raise typer.Exit(1)
        return
    sheet = prep.questions(session.db, session.today, app_id, kind)
    if as_json:
        print_json(render_prep.questions_json(sheet))
    else:
        render_prep.print_questions(console(), sheet)


@app.command()
@handled
def asked(
    ctx: typer.Context,
    app_id: AppId,
    question: Annotated[
        str,
        typer.Argument(
            metavar="QUESTION", help="What you asked, or a question's id from 'followup questions'."
        ),
    ],
    to: Annotated[str, typer.Option("--to", metavar="NAME", help="The interviewer you asked.")],
    answer: Annotated[str | None, typer.Option("--answer", help="What they said.")] = None,
    interview_id: Annotated[
        int | None,
        typer.Option(
            "--interview",
            metavar="INTERVIEW_ID",
            help="Which interview (default: the latest one held).",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Record a question you asked, and the answer.

    One interviewer, one question, and what they said.
    """
    from followup.cli.render import prep as render_prep
    from followup.services import prep

    session = session_for(ctx)
    recorded = saved(
        prep.record_asked(session.db, session.today, app_id, question, to, answer, interview_id)
    )
    if as_json:
        print_json(render_prep.recorded_json(recorded))
    else:
        render_prep.print_recorded(console(), recorded, session.today)
    warning = render_prep.recorded_warning(recorded)
    if warning is not None:
        console(stderr=True).print(warning)


@app.command("prep")
@handled
def prep_sheet(ctx: typer.Context, app_id: AppId, as_json: JsonFlag = False) -> None:
    """A one-page sheet for the next interview.

    Your pitch, the people, questions, and what to ask last.
    """
    from followup.cli.render import prep as render_prep
    from followup.services import prep

    session = session_for(ctx)
    sheet = prep.prep_sheet(session.db, session.today, app_id)
    if as_json:
        print_json(render_prep.prep_json(sheet))
    else:
        render_prep.print_prep(console(), sheet, session.today)


@app.command()
@handled
def script(
    ctx: typer.Context,
    app_id: AppId,
    via: Annotated[
        ScriptVia | None,
        typer.Option("--via", help="How (default: what the rules suggest).", show_default=False),
    ] = None,
    mailto: Annotated[
        bool, typer.Option("--mailto", help="Print the email as a mailto: link to open.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Draft what to say for the follow-up that is due.

    followup never sends anything.
    """
    from followup.cli.render import prep as render_prep
    from followup.services import prep

    if mailto and via not in (None, ScriptVia.EMAIL):
        raise BadInput(f"--mailto makes an email link; it does not go with --via {via}")
    session = session_for(ctx)
    draft = prep.script(
        session.db,
        session.today,
        app_id,
        ScriptVia.EMAIL if mailto else via,
        settings=session.settings,
        mailto=mailto,
    )
    if as_json:
        print_json(render_prep.script_json(draft))
    elif mailto:
        # One unbroken line, so that it can be pasted or piped to xdg-open.
        assert draft.mailto is not None  # the use case refuses a draft with no address
        stdout.write(f"{draft.mailto}\n")
    else:
        render_prep.print_script(console(), draft, session.today)


@app.command()
@handled
def article(
    ctx: typer.Context,
    app_id: AppId,
    url: Annotated[
        str | None,
        typer.Argument(
            metavar="URL", help="The article's address; leave out to list the saved ones."
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="A short title for the email.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Save an article to share in a check-in.

    Without a URL, list the saved ones.
    """
    from followup.cli.render import prep as render_prep
    from followup.services import prep

    session = session_for(ctx)
    if url is None:
        if title is not None:
            raise BadInput("--title needs the article's URL")
        listed = prep.articles(session.db, app_id)
        if as_json:
            print_json(render_prep.articles_json(listed))
        else:
            render_prep.print_articles(console(), listed, app_id, session.today)
        return
    result = saved(prep.save_article(session.db, session.today, app_id, url, title))
    if as_json:
        print_json(render_prep.article_json(result))
    else:
        render_prep.print_article(console(), result, app_id)


@app.command("delete-asked")
@handled
def delete_asked(
    ctx: typer.Context,
    asked_id: Annotated[
        int,
        typer.Argument(metavar="ASKED_ID", help="The asked question's id (show APP_ID --json)."),
    ],
    as_json: JsonFlag = False,
) -> None:
    """Forget a question recorded by mistake."""
    from followup.cli.render import prep as render_prep
    from followup.cli.render.text import literal
    from followup.services import prep

    session = session_for(ctx)
    gone = saved(prep.delete_asked(session.db, asked_id))
    if as_json:
        print_json({"deleted": render_prep.asked_json(gone)})
    else:
        out(literal(f"Deleted question {gone.id} to {gone.interviewer}: {gone.question}"))


@app.command("delete-article")
@handled
def delete_article(
    ctx: typer.Context,
    article_id: Annotated[
        int, typer.Argument(metavar="ARTICLE_ID", help="The article's id (article APP_ID).")
    ],
    as_json: JsonFlag = False,
) -> None:
    """Remove a saved article."""
    from followup.cli.render import prep as render_prep
    from followup.cli.render.text import literal
    from followup.services import prep

    session = session_for(ctx)
    gone = saved(prep.delete_article(session.db, article_id))
    if as_json:
        print_json({"deleted": render_prep.saved_article_json(gone)})
    else:
        out(literal(f"Deleted article {gone.id}: {gone.url}"))
