"""The interview-preparation tables against a real SQLite file in tmp_path."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sqlalchemy import delete, func, select

from followup.domain.models import Application, Interview, InterviewKind, Stage
from followup.domain.prep import Article, AskedQuestion, Details
from followup.storage import applications as storage_applications
from followup.storage import engine, schema
from followup.storage.prep import PrepStore

FIXTURE_001 = Path(__file__).parents[1] / "fixtures" / "databases" / "001_initial.db"


def _seed(s: storage_applications.Store) -> tuple[int, int, int]:
    """Two applications; the first with two interviews. Returns (app, other app, interview)."""
    app = Application(0, "Acme", "Analyst", date(2026, 11, 18))
    first = s.add_application(app, Stage.APPLIED)
    other = s.add_application(app, Stage.APPLIED)
    held = s.add_interview(
        Interview(0, first, date(2026, 11, 24), date(2026, 11, 20), InterviewKind.FIRST, ("Jo",))
    )
    s.add_interview(Interview(0, other, date(2026, 11, 25), date(2026, 11, 20)))
    return first, other, held


def test_details_are_set_replaced_and_cleared_per_application(db: Path) -> None:
    with engine.transaction(str(db)) as s:
        first, other, _ = _seed(s)
        prep = PrepStore(s)
        prep.set_detail(first, "competitor", "Globex")
        prep.set_detail(first, "competitor", "Initech")
        prep.set_detail(first, "market_problem", "stale data")
        prep.set_detail(other, "competitor", "Hooli")
    with engine.transaction(str(db)) as s:
        PrepStore(s).set_detail(first, "market_problem", None)
    with engine.transaction(str(db), write=False) as s:
        assert PrepStore(s).details(first) == Details(competitor="Initech")
        assert PrepStore(s).details(other) == Details(competitor="Hooli")


def test_questions_asked_come_back_for_their_application_in_the_order_recorded(db: Path) -> None:
    with engine.transaction(str(db)) as s:
        first, other, held = _seed(s)
        prep = PrepStore(s)
        for n, who in enumerate(["Jo", "Sam", "Jo"], 1):
            prep.add_asked(
                AskedQuestion(0, held, who, f"question {n}", "feedback", None, date(2026, 11, 24))
            )
    with engine.transaction(str(db), write=False) as s:
        asked = PrepStore(s).asked(first)
        assert [(a.id, a.interviewer, a.question) for a in asked] == [
            (1, "Jo", "question 1"),
            (2, "Sam", "question 2"),
            (3, "Jo", "question 3"),
        ]
        assert asked[0].question_id == "feedback"
        assert asked[0].logged_on == date(2026, 11, 24)
        assert PrepStore(s).asked(other) == []


def test_an_article_remembers_the_day_a_draft_offered_it(db: Path) -> None:
    with engine.transaction(str(db)) as s:
        first, _, _ = _seed(s)
        prep = PrepStore(s)
        key = prep.add_article(Article(0, first, "https://x.example/a", None, date(2026, 11, 26)))
        prep.set_article_title(key, "A study")
        prep.mark_offered(key, date(2026, 12, 3))
    with engine.transaction(str(db), write=False) as s:
        assert PrepStore(s).articles(first) == [
            Article(
                key, first, "https://x.example/a", "A study", date(2026, 11, 26), date(2026, 12, 3)
            )
        ]


def test_deleting_an_application_takes_its_details_articles_and_questions_with_it(
    db: Path,
) -> None:
    with engine.transaction(str(db)) as s:
        first, other, held = _seed(s)
        prep = PrepStore(s)
        prep.set_detail(first, "competitor", "Globex")
        prep.add_article(Article(0, first, "https://x.example/a", None, date(2026, 11, 26)))
        prep.add_asked(AskedQuestion(0, held, "Jo", "Why?", None, None, date(2026, 11, 24)))
        prep.set_detail(other, "competitor", "Hooli")
    with engine.transaction(str(db)) as s:
        s.connection.execute(delete(schema.applications).where(schema.applications.c.id == first))
    with engine.transaction(str(db), write=False) as s:
        count = {
            table.name: s.connection.execute(select(func.count()).select_from(table)).scalar()
            for table in (schema.questions_asked, schema.articles, schema.application_details)
        }
        assert count == {"questions_asked": 0, "articles": 0, "application_details": 1}


def test_a_database_from_before_interview_prep_is_upgraded_and_ready_for_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "followup.db"
    shutil.copy(FIXTURE_001, path)

    with engine.transaction(str(path)) as s:
        prep = PrepStore(s)
        prep.set_detail(1, "competitor", "Initech")
        assert prep.asked(1) == []
        assert prep.articles(1) == []
        assert prep.details(1) == Details(competitor="Initech")
