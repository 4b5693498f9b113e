"""Interview preparation: questions asked, articles, application details (issue 3; the use
cases are in ``followup.services.prep``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    delete,
    insert,
    select,
    update,
)

from followup.domain.prep import Article, AskedQuestion, Details
from followup.errors import NotFound
from followup.storage.applications import Store, inserted_id, storable_id
from followup.storage.schema import (
    DETAIL_KEYS,
    application_details,
    articles,
    interviews,
    questions_asked,
)


def _asked(row: Row[Any]) -> AskedQuestion:
    m = row._mapping
    return AskedQuestion(
        id=m["id"],
        interview_id=m["interview_id"],
        interviewer=m["interviewer"],
        question=m["question"],
        question_id=m["question_id"],
        answer=m["answer"],
        logged_on=m["logged_on"],
    )


def _article(row: Row[Any]) -> Article:
    m = row._mapping
    return Article(
        id=m["id"],
        application_id=m["application_id"],
        url=m["url"],
        title=m["title"],
        added_on=m["added_on"],
        offered_on=m["offered_on"],
    )


class PrepStore:
    """Queries and writes for interview preparation, inside a ``Store``'s transaction.

    Scoped to the store's profile like the store: another profile's rows are not there.
    """

    def __init__(self, store: Store) -> None:
        self._conn = store.connection
        self._owned = store.owned()
        self._journal = store.journal

    # details the question bank fills in

    def details(self, application_id: int) -> Details:
        rows = self._conn.execute(
            select(application_details.c.key, application_details.c.value).where(
                application_details.c.application_id == application_id,
                application_details.c.application_id.in_(self._owned),
            )
        )
        found = {row.key: row.value for row in rows if row.key in DETAIL_KEYS}
        return Details(**found)

    def set_detail(self, application_id: int, key: str, value: str | None) -> None:
        """Record a detail; None clears it."""
        assert key in DETAIL_KEYS, key
        self._journal.capture(application_id)
        self._conn.execute(
            delete(application_details).where(
                application_details.c.application_id == application_id,
                application_details.c.application_id.in_(self._owned),
                application_details.c.key == key,
            )
        )
        if value is not None:
            self._conn.execute(
                insert(application_details).values(
                    application_id=application_id, key=key, value=value
                )
            )

    # questions asked at interviews

    def asked(self, application_id: int) -> list[AskedQuestion]:
        """Every question asked at this application's interviews, in the order recorded."""
        rows = self._conn.execute(
            select(questions_asked)
            .join(interviews, interviews.c.id == questions_asked.c.interview_id)
            .where(
                interviews.c.application_id == application_id,
                interviews.c.application_id.in_(self._owned),
            )
            .order_by(questions_asked.c.id)
        )
        return [_asked(r) for r in rows]

    def add_asked(self, asked: AskedQuestion) -> int:
        self._journal.capture(self._interview_owner(asked.interview_id))
        result = self._conn.execute(
            insert(questions_asked).values(
                interview_id=asked.interview_id,
                interviewer=asked.interviewer,
                question=asked.question,
                question_id=asked.question_id,
                answer=asked.answer,
                logged_on=asked.logged_on,
            )
        )
        return inserted_id(result)

    # articles to share in a check-in

    def articles(self, application_id: int) -> list[Article]:
        rows = self._conn.execute(
            select(articles)
            .where(
                articles.c.application_id == application_id,
                articles.c.application_id.in_(self._owned),
            )
            .order_by(articles.c.id)
        )
        return [_article(r) for r in rows]

    def add_article(self, article: Article) -> int:
        self._journal.capture(article.application_id)
        result = self._conn.execute(
            insert(articles).values(
                application_id=article.application_id,
                url=article.url,
                title=article.title,
                added_on=article.added_on,
                offered_on=article.offered_on,
            )
        )
        return inserted_id(result)

    def set_article_title(self, article_id: int, title: str | None) -> None:
        self._journal.capture(self.article_owner(article_id))
        self._conn.execute(update(articles).where(*self._article(article_id)).values(title=title))

    def mark_offered(self, article_id: int, on: date) -> None:
        self._journal.capture(self.article_owner(article_id))
        self._conn.execute(update(articles).where(*self._article(article_id)).values(offered_on=on))

    def article_owner(self, article_id: int) -> int:
        """The application an article of this profile is saved on."""
        query = select(articles.c.application_id).where(*self._article(article_id))
        found = self._conn.execute(query).scalar() if storable_id(article_id, self._conn) else None
        if found is None:
            raise NotFound(
                f"no article with id {article_id}; article ids are in followup article APP_ID"
            )
        return int(found)

    def delete_article(self, article_id: int) -> Article:
        """Remove a saved article; what it was."""
        self._journal.capture(self.article_owner(article_id))
        row = self._conn.execute(select(articles).where(*self._article(article_id))).one()
        self._conn.execute(delete(articles).where(*self._article(article_id)))
        return _article(row)

    def asked_by_id(self, asked_id: int) -> tuple[AskedQuestion, int]:
        """A question asked at an interview of this profile, and its application."""
        query = (
            select(questions_asked, interviews.c.application_id.label("owner"))
            .join(interviews, interviews.c.id == questions_asked.c.interview_id)
            .where(questions_asked.c.id == asked_id, interviews.c.application_id.in_(self._owned))
        )
        row = self._conn.execute(query).first() if storable_id(asked_id, self._conn) else None
        if row is None:
            raise NotFound(
                f"no asked question with id {asked_id}; "
                "their ids are in followup show APP_ID --json"
            )
        return _asked(row), int(row.owner)

    def delete_asked(self, asked_id: int) -> AskedQuestion:
        """Forget a question recorded by mistake; what it was."""
        asked, owner = self.asked_by_id(asked_id)
        self._journal.capture(owner)
        self._conn.execute(delete(questions_asked).where(questions_asked.c.id == asked_id))
        return asked

    def _interview_owner(self, interview_id: int) -> int:
        found = self._conn.execute(
            select(interviews.c.application_id).where(interviews.c.id == interview_id)
        ).scalar_one()
        return int(found)

    def _article(self, article_id: int) -> tuple[ColumnElement[bool], ...]:
        return (articles.c.id == article_id, articles.c.application_id.in_(self._owned))
