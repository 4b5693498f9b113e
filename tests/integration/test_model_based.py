"""The store equals a plain model: random command sequences through the service layer.

After every step the database must hold exactly what the model holds, and each stored
next window must equal the one the pure rules compute from scratch.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    MultipleResults,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    multiple,
    rule,
)

from followup.domain import rules
from followup.domain.models import (
    Application,
    Channel,
    Contact,
    History,
    Interview,
    InterviewKind,
    Outcome,
    Touch,
    Via,
)
from followup.errors import BadInput, NotFound, Refused
from followup.services import applications as services
from followup.services import corrections
from followup.services import history as undo_history
from followup.storage import engine

pytestmark = pytest.mark.slow

TODAY = date(2026, 11, 26)
past_days = st.integers(min_value=0, max_value=60).map(lambda n: TODAY - timedelta(days=n))
any_days = st.integers(min_value=-40, max_value=40).map(lambda n: TODAY + timedelta(days=n))
maybe_plan = st.none() | st.integers(min_value=-5, max_value=30).map(
    lambda n: TODAY + timedelta(days=n)
)
names = st.lists(st.sampled_from(["Kim", "Ali", "Lee", "Sam"]), max_size=3, unique=True)


class StoreMatchesModel(RuleBasedStateMachine):
    applications = Bundle("applications")
    touches = Bundle("touches")

    def __init__(self) -> None:
        super().__init__()
        self.dir = tempfile.TemporaryDirectory()
        self.db = str(Path(self.dir.name) / "followup.db")
        self.model: dict[int, History] = {}
        # The model before each change the journal holds, newest last: what undo goes back to.
        self.before: list[dict[int, History]] = []

    def teardown(self) -> None:
        self.dir.cleanup()

    @initialize(target=applications)
    def first_application(self) -> int:
        return self._add("Acme", date(2026, 11, 18), Contact(phone="555"), False)

    def _add(self, company: str, applied: date, contact: Contact, dnc: bool) -> int:
        new = services.NewApplication(company, "Analyst", applied, contact, do_not_call=dnc)
        view = services.add_application(self.db, TODAY, new)
        self._changing()
        app = Application(
            id=view.application.id,
            company=company,
            role="Analyst",
            applied_on=applied,
            contact=contact,
            do_not_call=dnc,
        )
        self.model[app.id] = History(app)
        return app.id

    @rule(
        target=applications,
        company=st.sampled_from(["Globex", "Initech", "Umbrella"]),
        applied=past_days,
        phone=st.none() | st.just("555 0100"),
        email=st.none() | st.just("hr@example.com"),
        dnc=st.booleans(),
    )
    def add(
        self, company: str, applied: date, phone: str | None, email: str | None, dnc: bool
    ) -> int:
        return self._add(company, applied, Contact(None, phone, email), dnc)

    @rule(
        target=touches,
        app_id=applications,
        on=past_days,
        via=st.sampled_from(list(Via)),
        inbound=st.booleans(),
        follow_up_on=maybe_plan,
    )
    def log(
        self, app_id: int, on: date, via: Via, inbound: bool, follow_up_on: date | None
    ) -> MultipleResults[tuple[int, int]]:
        new = services.NewTouch(on, via, inbound, follow_up_on)
        if self._refused(app_id, on, lambda: services.log_touch(self.db, TODAY, app_id, new)):
            return multiple()
        logged = services.log_touch(self.db, TODAY, app_id, new)
        self._changing()
        touch = Touch(logged.touch.id, app_id, on, via, inbound, follow_up_on)
        history = self.model[app_id]
        self.model[app_id] = history._replace(touches=(*history.touches, touch))
        return multiple((app_id, touch.id))

    @rule(
        app_id=applications,
        on=any_days,
        kind=st.sampled_from(list(InterviewKind)),
        with_=names,
        prefers=st.none() | st.sampled_from(list(Channel)),
        follow_up_on=maybe_plan,
        next_steps=st.none() | st.just("panel"),
    )
    def interview(
        self,
        app_id: int,
        on: date,
        kind: InterviewKind,
        with_: list[str],
        prefers: Channel | None,
        follow_up_on: date | None,
        next_steps: str | None,
    ) -> None:
        details = services.InterviewDetails(tuple(with_), next_steps, None, prefers, follow_up_on)

        def record() -> object:
            return services.record_interview(self.db, TODAY, app_id, on, kind, details)

        if self._refused(app_id, on, record):
            return
        view = services.record_interview(self.db, TODAY, app_id, on, kind, details)
        self._changing()
        new_id = max(i.id for i in view.history.interviews)
        interview = Interview(
            new_id, app_id, on, TODAY, kind, tuple(with_), next_steps, None, prefers, follow_up_on
        )
        history = self.model[app_id]
        app = history.application._replace(closed_on=None, outcome=None)
        self.model[app_id] = history._replace(
            application=app, interviews=(*history.interviews, interview)
        )

    @rule(app_id=applications, until=any_days)
    def snooze(self, app_id: int, until: date) -> None:
        if self._refused(app_id, None, lambda: services.snooze(self.db, TODAY, app_id, until)):
            return
        history = self.model[app_id]
        expected = rules.assess(history, TODAY)
        if history.application.closed_on is not None or expected.next_contact is None:
            with pytest.raises(Refused):
                services.snooze(self.db, TODAY, app_id, until)
            return
        services.snooze(self.db, TODAY, app_id, until)
        self._changing()
        app = history.application._replace(
            snooze_until=until,
            snoozed_on=TODAY,
            snooze_touch_mark=max((t.id for t in history.touches), default=0),
            snooze_interview_mark=max((i.id for i in history.interviews), default=0),
        )
        self.model[app_id] = history._replace(application=app)

    @rule(app_id=applications, outcome=st.sampled_from(list(Outcome)), on=past_days)
    def close(self, app_id: int, outcome: Outcome, on: date) -> None:
        if self._refused(
            app_id, None, lambda: services.close_application(self.db, TODAY, app_id, outcome, on)
        ):
            return
        history = self.model[app_id]
        app = history.application
        if app.closed_on is not None:
            with pytest.raises(Refused):
                services.close_application(self.db, TODAY, app_id, outcome, on)
            return
        if on < app.applied_on:
            return  # refused as bad input; covered by the CLI tests
        services.close_application(self.db, TODAY, app_id, outcome, on)
        self._changing()
        self.model[app_id] = history._replace(
            application=app._replace(closed_on=on, outcome=outcome)
        )

    @rule(ids=consumes(touches))
    def delete_touch(self, ids: tuple[int, int]) -> None:
        app_id, touch_id = ids
        history = self.model.get(app_id)
        if history is None or touch_id not in {t.id for t in history.touches}:
            # Undone or deleted with its application since.
            with pytest.raises(NotFound):
                services.delete_touch(self.db, TODAY, touch_id)
            return
        services.delete_touch(self.db, TODAY, touch_id)
        self._changing()
        kept = tuple(t for t in history.touches if t.id != touch_id)
        self.model[app_id] = history._replace(touches=kept)

    @rule(touch_id=st.integers(min_value=10_000, max_value=2**70))
    def delete_unknown_touch(self, touch_id: int) -> None:
        with pytest.raises(NotFound):
            services.delete_touch(self.db, TODAY, touch_id)

    @rule(
        app_id=applications,
        phone=st.none() | st.sampled_from(["", "555 0199"]),
        email=st.none() | st.sampled_from(["", "new@example.com"]),
        dnc=st.none() | st.booleans(),
    )
    def edit(self, app_id: int, phone: str | None, email: str | None, dnc: bool | None) -> None:
        changes = services.ApplicationChanges(phone=phone, email=email, do_not_call=dnc)
        edit = lambda: services.edit_application(self.db, TODAY, app_id, changes)  # noqa: E731
        if self._refused(app_id, None, edit):
            return
        edit()
        self._changing()
        history = self.model[app_id]
        app = history.application

        def keep(new: str | None, old: str | None) -> str | None:
            return old if new is None else (new or None)

        contact = Contact(
            app.contact.name, keep(phone, app.contact.phone), keep(email, app.contact.email)
        )
        app = app._replace(contact=contact, do_not_call=app.do_not_call if dnc is None else dnc)
        self.model[app_id] = history._replace(application=app)

    @rule(app_id=applications)
    def delete(self, app_id: int) -> None:
        delete = lambda: corrections.delete_application(self.db, TODAY, app_id)  # noqa: E731
        if self._refused(app_id, None, delete):
            return
        delete()
        self._changing()
        del self.model[app_id]

    def _interview(self, pick: int) -> Interview | None:
        held = [i for h in self.model.values() for i in h.interviews]
        return held[pick % len(held)] if held else None

    @rule(
        pick=st.integers(min_value=0, max_value=20),
        on=st.none() | any_days,
        kind=st.none() | st.sampled_from(list(InterviewKind)),
        with_=st.none() | names,
        next_steps=st.none() | st.sampled_from(["", "offer"]),
    )
    def edit_interview(
        self,
        pick: int,
        on: date | None,
        kind: InterviewKind | None,
        with_: list[str] | None,
        next_steps: str | None,
    ) -> None:
        old = self._interview(pick)
        if old is None:
            return
        changes = corrections.InterviewChanges(
            on=on, kind=kind, with_=None if with_ is None else tuple(with_), next_steps=next_steps
        )
        history = self.model[old.application_id]
        if on is not None and on < history.application.applied_on:
            with pytest.raises(BadInput):
                corrections.edit_interview(self.db, TODAY, old.id, changes)
            return
        corrections.edit_interview(self.db, TODAY, old.id, changes)
        self._changing()
        new = old._replace(
            on=on or old.on,
            kind=kind or old.kind,
            with_=old.with_ if with_ is None else tuple(with_),
            next_steps=old.next_steps if next_steps is None else (next_steps or None),
        )
        kept = tuple(new if i.id == old.id else i for i in history.interviews)
        self.model[old.application_id] = history._replace(interviews=kept)

    @rule(pick=st.integers(min_value=0, max_value=20))
    def delete_interview(self, pick: int) -> None:
        gone = self._interview(pick)
        if gone is None:
            return
        corrections.delete_interview(self.db, TODAY, gone.id)
        self._changing()
        history = self.model[gone.application_id]
        kept = tuple(i for i in history.interviews if i.id != gone.id)
        self.model[gone.application_id] = history._replace(interviews=kept)

    @rule()
    def undo(self) -> None:
        if not self.before:
            with pytest.raises(Refused):
                undo_history.undo_last(self.db, TODAY)
            return
        undo_history.undo_last(self.db, TODAY)
        self.model = self.before.pop()

    def _changing(self) -> None:
        """The command just run changed the database: undo goes back to the model as it
        is still (the model is updated after this)."""
        self.before.append(dict(self.model))

    def _refused(self, app_id: int, on: date | None, command: object) -> bool:
        """Check the refusals the model predicts (a deleted or undone application, a date
        before the application's), and say whether the command was refused."""
        assert callable(command)
        if app_id not in self.model:
            with pytest.raises(NotFound):
                command()
            return True
        if on is not None and on < self.model[app_id].application.applied_on:
            with pytest.raises(BadInput):
                command()
            return True
        return False

    @invariant()
    def database_equals_model_and_stored_windows_equal_the_rules(self) -> None:
        with engine.transaction(self.db, write=False) as s:
            stored = {h.application.id: h for h in s.histories()}
            standings = {st.application.id: st for st in s.all_standings()}
        assert stored == self.model
        for app_id, history in self.model.items():
            fresh = rules.assess(history, TODAY)
            standing = standings[app_id]
            assert (standing.stage, standing.next_contact, standing.waiting) == (
                fresh.stage,
                fresh.next_contact,
                fresh.waiting,
            )


StoreMatchesModel.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_store_matches_a_plain_model = StoreMatchesModel.TestCase
