"""What `today`, `agenda` and `stats` show: plain lines and `#` bars off a terminal, so that
a pipe or a file gets text that reads the same; solid bars on one."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.console import Console

from followup.cli.render import day
from followup.cli.render.text import literal
from followup.domain.agenda import Agenda, AgendaDay, AgendaItem, ItemKind
from followup.domain.models import Application
from followup.domain.stats import ANSWER_BUSINESS_DAYS, Share, Stats
from followup.quick.text import visible

# --- stats ------------------------------------------------------------------------------

BAR_WIDTH = 30


def _share_json(share: Share) -> dict[str, Any]:
    return {"count": share.count, "of": share.of, "share": share.share}


def stats_json(stats: Stats) -> dict[str, Any]:
    return {
        "as_of": stats.as_of.isoformat(),
        "since": stats.since.isoformat() if stats.since else None,
        "funnel": [{"stage": name} | _share_json(s) for name, s in stats.funnel],
        "answers": [{"via": via} | _share_json(s) for via, s in stats.answers],
        "first_reply": {
            "median_business_days": stats.first_reply_median,
            "applications": stats.first_reply_cases,
        },
        "activity": [
            {"week": week.isoformat(), "applications": apps, "follow_ups": follow_ups}
            for week, apps, follow_ups in stats.activity
        ],
        "restraint": {
            "flags_by_month": [
                {"month": f"{month:%Y-%m}", "flags": flags} for month, flags in stats.flags_by_month
            ],
            "inside_window": _share_json(stats.inside_window),
        },
        "outcomes": [{"outcome": name} | _share_json(s) for name, s in stats.outcomes],
    }


def percent(share: Share) -> str:
    value = share.share
    return "(too few to tell)" if value is None else f"{round(value * 100)}%"


def _bar(count: int, most: int, terminal: bool, width: int = BAR_WIDTH) -> str:
    if most <= 0 or count <= 0:
        return ""
    length = max(1, round(count * width / most))
    return ("\u2588" if terminal else "#") * length


def print_stats(console: Console, stats: Stats, today: date) -> None:
    terminal = console.is_terminal
    since = f"since {day(stats.since, today)}" if stats.since else "all applications"
    console.print(literal(f"What is working, as of {day(stats.as_of, today)} ({since})", "bold"))

    def heading(text: str) -> None:
        console.print()
        console.print(literal(text, "bold"))

    def line(text: str) -> None:
        console.print(literal(text), soft_wrap=True)

    heading("Funnel")
    most = stats.funnel[0][1].count if stats.funnel else 0
    above = ""
    for name, share in stats.funnel:
        bar = _bar(share.count, most, terminal)
        tail = ""
        if above:
            tail = f"  {percent(share)}" + (f" of {above}" if share.share is not None else "")
        line(f"  {name:<12}{share.count:>7}  {bar:<{BAR_WIDTH}}{tail}".rstrip())
        above = name

    heading(f"Which follow-ups get answers (within {ANSWER_BUSINESS_DAYS} business days)")
    for via, share in stats.answers:
        bar = _bar(share.count, share.of, terminal)
        line(f"  {via:<12}{share.count:>5} of {share.of:<5} {bar:<{BAR_WIDTH}}  {percent(share)}")

    heading("Time to first reply")
    if stats.first_reply_median is None:
        line(f"  (too few to tell: {stats.first_reply_cases} replied)")
    else:
        median = f"{stats.first_reply_median:g}"
        line(
            f"  median {median} business days from applying "
            f"(over {stats.first_reply_cases} applications)"
        )

    heading("Activity, last 12 weeks (applications, follow-ups)")
    most = max((max(a, f) for _, a, f in stats.activity), default=0)
    half = BAR_WIDTH // 2
    for week, apps, follow_ups in stats.activity:
        apps_bar = _bar(apps, most, terminal, half)
        follow_bar = _bar(follow_ups, most, terminal, half)
        line(
            f"  w/c {day(week, today):<15}{apps:>5} {apps_bar:<{half}}"
            f"{follow_ups:>6} {follow_bar}".rstrip()
        )

    heading("Restraint")
    line("  over-contact flags per month:")
    for month, flags in stats.flags_by_month:
        line(f"    {month:%b %Y}  {flags:>5}".rstrip())
    inside = stats.inside_window
    line(f"  follow-ups inside their window: {inside.count} of {inside.of}  {percent(inside)}")

    heading("Outcomes")
    total = sum(s.count for _, s in stats.outcomes)
    for name, share in stats.outcomes:
        bar = _bar(share.count, total, terminal)
        line(f"  {name:<12}{share.count:>7}  {bar:<{BAR_WIDTH}}  {percent(share)}")


# --- agenda -----------------------------------------------------------------------------

_SHORT = {
    ItemKind.OPENS: "opens",
    ItemKind.LAST_DAY: "last",
    ItemKind.ONLY_DAY: "1 day",
    ItemKind.AGREED: "agreed",
    ItemKind.INTERVIEW: "intvw",
}
SEPARATOR = " | "
NARROW = 80


def _item_json(item: AgendaItem) -> dict[str, Any]:
    return {
        "kind": item.kind.value,
        "id": item.application_id,
        "company": item.company,
        "role": item.role,
        "detail": item.detail,
    }


def agenda_json(agenda: Agenda) -> dict[str, Any]:
    return {
        "today": agenda.today.isoformat(),
        "days": [
            {
                "date": d.day.isoformat(),
                "holiday": d.holiday,
                "items": [_item_json(i) for i in d.items],
            }
            for d in agenda.days
        ],
    }


def _item_text(item: AgendaItem, width: int, wide: bool) -> str:
    if wide:
        suffix = item.kind.value
        prefix = f"#{item.application_id} "
    else:
        suffix = _SHORT[item.kind]
        prefix = ""
    name = visible(item.company)
    room = width - cell_len(suffix) - cell_len(prefix) - 1
    if cell_len(name) > room:
        # Abbreviated: cut, and a full stop says so.
        name = set_cell_size(name, max(room - 1, 1)).rstrip() + "."
    return f"{prefix}{name} {suffix}"


def _cell_lines(d: AgendaDay, width: int, wide: bool, today: date) -> list[str]:
    label = f"{d.day:%a} {d.day.day} {d.day:%b}"
    if d.day == today:
        label += " *"
    lines = [label]
    if d.holiday:
        lines.append("holiday")
    lines += [_item_text(i, width, wide) for i in d.items]
    return lines


def agenda_lines(agenda: Agenda, width: int, wide: bool) -> list[str]:
    """The grid as plain lines no longer than ``width`` columns."""
    columns = len(agenda.weekdays)
    cell = max((width - cell_len(SEPARATOR) * (columns - 1)) // columns, 6)
    lines = [f"Agenda from {day(agenda.weeks[0][0].day, agenda.today)} (* today)"]
    rule = "-" * (cell * columns + cell_len(SEPARATOR) * (columns - 1))
    for week in agenda.weeks:
        lines.append(rule)
        cells = [_cell_lines(d, cell, wide, agenda.today) for d in week]
        for n in range(max(len(c) for c in cells)):
            row = [set_cell_size(c[n] if n < len(c) else "", cell) for c in cells]
            lines.append(SEPARATOR.join(row).rstrip())
    lines.append(rule)
    return lines


def print_agenda(console: Console, agenda: Agenda, wide: bool) -> None:
    width = console.width if wide else min(console.width, NARROW)
    for line in agenda_lines(agenda, width, wide):
        console.print(literal(line), soft_wrap=True)


# --- today ------------------------------------------------------------------------------

KEYS = "[c]alled [v]oicemail [n]o answer [e]mailed [r]eplied [s]kip [z] snooze [u]ndo [q]uit"


def contact_line(app: Application) -> str:
    contact = app.contact
    parts = [p for p in (contact.name, contact.phone, contact.email) if p]
    if app.do_not_call:
        parts.append("the posting said: do not call")
    return "Contact: " + (", ".join(parts) if parts else "none on file")


def summary(logged: int, skipped: int, snoozed: int, left: int) -> str:
    rest = "nothing left for today" if not left else f"{left} not answered yet"
    return f"{logged} logged, {skipped} skipped, {snoozed} snoozed; {rest}"
