"""The salary and benefits guard: is a question about what the job gives you?

The advice is blunt: asking about pay or benefits at a phone screen or a first
interview can end your chances on the spot, because it tells the interviewer
you are in it for what you get. From the second interview on, and at the offer,
it is fair game.

Detection is a set of phrase patterns, not a word list: "benefit" the verb,
"pay attention", "private equity", "pension funds" or "the holiday season" are
not about your pay, and tests/unit/test_questions.py keeps a table of such
traps. A first pass blanks out those look-alike phrases, then the patterns for
each subject are tried in turn. Pure: text in, verdict out.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from followup.domain.prep import Round


class PayTopic(enum.StrEnum):
    """What a pay-or-benefits question is about, in the order the guard looks."""

    SALARY = "salary"
    BONUS = "bonus"
    EQUITY = "equity"
    BENEFITS = "benefits"
    TIME_OFF = "time-off"
    RETIREMENT = "retirement"
    PERKS = "perks"

    @property
    def words(self) -> str:
        return {
            PayTopic.SALARY: "salary or pay",
            PayTopic.BONUS: "bonuses or commission",
            PayTopic.EQUITY: "equity or stock",
            PayTopic.BENEFITS: "benefits",
            PayTopic.TIME_OFF: "vacation or time off",
            PayTopic.RETIREMENT: "retirement plans",
            PayTopic.PERKS: "perks",
        }[self]


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Phrases that look like pay but are about the business, the work or other people.
_LOOK_ALIKES = _any(
    r"\bpay[- ]per[- ]\w+",
    r"\bpay(?:s|ing)? (?:attention|off|down|back|its way|dividends|the bills|lip service)\b",
    r"\bpaid (?:off|attention|down|back)\b",
    r"\bpay for itself\b",
    r"\b(?:brand|private|home|racial|health|social|gender|negative|shareholders?'?|diversity,?) "
    r"equity\b",
    r"\bequity (?:and|&) inclusion\b",
    r"\bequity (?:research|markets?|funds?|firms?|investors?|financing|rounds?|capital"
    r"|analysts?|partners?|deals?|raise)\b",
    r"\bvested interests?\b",
    # "the benefits of the merger", "benefit from": unless the benefits are a job's.
    r"\bbenefits? (?:of|from|to|for) (?!(?:working|joining|being an? (?:employee|member)"
    r"|employees|staff|new hires|the (?:job|role|position)|this (?:job|role|position)"
    r"|employment|people who work here|working here|full[- ]time)\b)",
    r"\bholidays? (?:season|seasons|rush|peak|sales?|period|campaigns?|traffic|shopping"
    r"|quarter|promotions?|trade|orders)\b",
    r"\bpensions? (?:funds?|industry|sector|markets?|providers?|clients?|regulations?"
    r"|administration|software|trustees)\b",
    r"\bvacation (?:rentals?|homes?|propert\w*|market)\b",
    r"\bmake allowances?\b",
    r"\ballowances? for (?:errors?|doubtful|bad debts?|losses|credit losses)\b",
    r"\bchildcare (?:providers?|sector|industry|centres?|centers?|market|clients?)\b",
)

_PAY_NOUN_BEFORE = (
    r"the|my|your|starting|base|basic|hourly|annual|take[- ]home|net|gross|overtime|holiday"
    r"|sick|maternity|paternity|parental|equal|severance|higher|more|better|good|fair|extra"
)
_PAY_NOUN_AFTER = (
    r"range|ranges|band|bands|scale|scales|grade|grades|rise|rises|raise|raises|increase"
    r"|increases|review|reviews|structure|cycle|transparency|equity|gap|rate|rates|day|period"
    r"|package|bump|level|levels|policy"
)
_NOT_PAY_AFTER_PAID = (
    r"off|attention|down|back|out to|in full|for itself|channels?|marketing|search|media|ads"
    r"|advert\w*|social|acquisition|users?|customers?|subscribers?|accounts?|tiers?|plans?"
    r"|versions?|products?|features?|content|traffic|campaigns?|apps?|subscriptions?|services?"
    r"|time off|leave|holidays?|vacation|sick|parental|maternity|paternity"
)
_WHO = r"i|one|someone|people|you|the \w+|this \w+|a \w+|an \w+"

_PATTERNS: tuple[tuple[PayTopic, re.Pattern[str]], ...] = (
    (
        PayTopic.SALARY,
        _any(
            r"\bsalar(?:y|ies)\b",
            r"\bcompensation\b",
            r"\btotal comp\b",
            r"\bcomp (?:bands?|ranges?|package|structure|review)\b",
            r"\b(?:are|is|will|would|am|get|gets|getting|be|been|being|was|were) (?:[\w']+ ){0,3}"
            r"compensated\b",
            r"\bremuneration\b",
            r"\bwages?\b",
            r"\bpay ?(?:check|cheque|slip)s?\b",
            rf"\b(?:{_PAY_NOUN_BEFORE}) pay\b",
            rf"\bpay (?:{_PAY_NOUN_AFTER})\b",
            r"\bwhat (?:does|did|would|will|might|could) (?:it|this|that|the|this)\b[\w ]{0,25}? "
            r"pay\b",
            r"\bhow (?:much|well) (?:do|does|did|would|will|might|could) (?:you|they|it|this|that"
            r"|[\w ]{0,20}?(?:role|job|position|company|employer|team|firm)) pay\b",
            r"\bpays? (?:well|competitively|fairly|above market|at market|market rate|enough)\b",
            r"\b(?:you|they|the company|the employer|the firm) pay (?:for )?(?:my|me|employees"
            r"|staff|people|new hires|overtime|training|courses?|tuition|certifications?"
            r"|conferences?|relocation|the move)\b",
            rf"\bpaid\b(?! (?:{_NOT_PAY_AFTER_PAID})\b)",
            r"\b(?:a|my|the|any|annual|yearly|next|first|salary|pay) raises?\b",
            rf"\bhow much (?:money )?(?:would|will|could|can|do|does|did|might) (?:{_WHO})"
            r"(?: \w+){0,3} (?:earn|make)\b",
            r"\bwhat (?:would|will|could|might) (?:i|one) (?:earn|make)\b",
            r"\b(?:earning|earnings) potential\b",
            r"\bon[- ]target earnings\b",
            r"\bote\b",
            r"\b(?:hourly|day|daily) rate\b",
            r"\bcost[- ]of[- ]living (?:adjustments?|increases?|raises?)\b",
            r"\bnegotiat\w* (?:the |my |your )?(?:offer|salary|pay|package|terms)\b",
            r"\b(?:is|was) the money (?:good|decent|ok|okay|competitive|right)\b",
            r"\b(?:what|how) (?:does|is|would|will) the (?:whole |overall |full |total |final )?"
            r"package\b(?! (?:manager|delivered|delivery|tracked|tracking|shipped|installed))",
            r"\b(?:total|remuneration|financial|salary|starting) package\b",
        ),
    ),
    (
        PayTopic.BONUS,
        _any(
            r"\bbonus(?:es)?\b",
            r"\bcommissions? (?:structur\w*|rates?|plans?|split|cap|scheme|only)\b",
            r"\bcommissions? (?:is|are) (?:structured|paid|calculated|capped)\b",
            r"\b(?:on|earn|earning|paid|base and|base plus|salary and|salary plus|uncapped) "
            r"commission\b",
            r"\bcommission[- ]based\b",
            r"\bincentive (?:plans?|schemes?|pay|structure|programs?|programmes?|compensation)\b",
            r"\b(?:long|short)[- ]term incentives?\b",
            r"\bsales incentives?\b",
            r"\bprofit[- ]shar(?:e|ing)\b",
            r"\btotal rewards?\b",
            r"\brewards? (?:package|scheme|programmes?|programs?|structure)\b",
        ),
    ),
    (
        PayTopic.EQUITY,
        _any(
            r"\bequity\b",
            r"\b(?:stock|share)[- ]options?\b",
            r"\boptions? (?:grants?|pool|package)\b",
            r"\brsus?\b",
            r"\brestricted (?:stock|shares)\b",
            r"\bvest(?:s|ed|ing)?\b",
            r"\bespp\b",
            r"\b(?:stock|share) (?:purchase|ownership) (?:plans?|schemes?|programs?|programmes?)\b",
            r"\b(?:stock|share) (?:grants?|awards?|package|refresh\w*|compensation|allocation)\b",
            r"\b(?:get|receive|offered|offer|grant|granted|award|awarded|any|employee) shares\b",
            r"\bstake in the (?:company|business|firm)\b",
        ),
    ),
    (
        PayTopic.BENEFITS,
        _any(
            r"\bbenefits? (?:package|packages|plans?|coverage|enrol?ment|eligibility|start|starts"
            r"|begin|begins|kick in|kicks in|offered|available|provided|like|look like)\b",
            r"\b(?:the|your|our|employee|employees'|staff|health|healthcare|medical|dental|vision"
            r"|fringe|company|workplace|retirement|pension|commuter|family|wellness|wellbeing"
            r"|well-being|any|good) benefits\b",
            r"\b(?:what|which|any) benefits (?:do you|does the company|do employees|do staff"
            r"|would i|will i|come with|are there|are offered|are included|are available"
            r"|do you (?:offer|provide|have))\b",
            r"\b(?:health|medical|dental|vision|life|disability) (?:insurance|cover|coverage"
            r"|plans?|care plans?)\b",
            r"\bhealth ?care (?:plans?|coverage|cover)\b",
            r"\b(?:offer|provide|get|have|include|includes|covered by) (?:any )?"
            r"(?:health |medical |life )?insurance\b",
        ),
    ),
    (
        PayTopic.TIME_OFF,
        _any(
            r"\bvacations?\b",
            r"\bpto\b",
            r"\btime[- ]off\b",
            r"\btime away\b",
            r"\b(?:days?|weeks?) off\b",
            r"\bday[- ]off\b",
            r"\b(?:annual|parental|maternity|paternity|sick|family|medical|unpaid|paid|study"
            r"|bereavement|compassionate|adoption) leave\b",
            r"\bleave (?:policy|policies|allowance|entitlement|days)\b",
            r"\bhow much leave\b",
            r"\b(?:days|weeks) of leave\b",
            r"\bsick days?\b",
            r"\bholidays?\b",
            r"\bsabbaticals?\b",
        ),
    ),
    (
        PayTopic.RETIREMENT,
        _any(
            r"\b401 ?\(?k\)?",
            r"\bpensions?\b",
            r"\bretirement (?:plans?|savings|accounts?|benefits?|contributions?|schemes?|match"
            r"|matching|funds?)\b",
            r"\b(?:save|saving|savings) for retirement\b",
            r"\bsuperannuation\b",
            r"\b(?:employer|company) (?:match|matching|contributions?)\b",
        ),
    ),
    (
        PayTopic.PERKS,
        _any(
            r"\bperks?\b",
            r"\bstipends?\b",
            r"\ballowances?\b",
            r"\breimburs\w*\b",
            r"\bgym (?:membership|memberships|access|discount)s?\b",
            r"\bfree (?:gym|lunch|lunches|meals?|food|snacks|breakfast|parking|coffee)\b",
            r"\bcatered (?:lunch|lunches|meals)\b",
            r"\bcompany cars?\b",
            r"\brelocation (?:package|assistance|support|bonus|allowance|help|costs|expenses)\b",
            r"\b(?:employee|staff) discounts?\b",
            r"\bchildcare\b",
            r"\btuition (?:assistance|reimbursement|support)\b",
            r"\b(?:learning|education|training|development|conference) budgets?\b",
            r"\bparking (?:spaces?|spots?|pass|passes|permits?)\b",
            r"\b(?:employee|staff) parking\b",
        ),
    ),
)

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_SPACES = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_QUOTES).lower()).strip()


def about_pay(text: str) -> PayTopic | None:
    """What the question asks about, if it is pay, benefits, bonus, equity, time off,
    retirement or perks; None when it is about anything else."""
    normal = _LOOK_ALIKES.sub(" ~ ", _normal(text))
    for topic, pattern in _PATTERNS:
        if pattern.search(normal):
            return topic
    return None


@dataclass(frozen=True)
class Check:
    """The guard's verdict on one question for one round, with the reason in words."""

    text: str
    round: Round
    about: PayTopic | None
    allowed: bool
    reason: str


def check_question(text: str, round_: Round, *, about: PayTopic | None = None) -> Check:
    """May this question be asked at this round? Pay questions wait for the second interview.

    ``about`` lets a caller that already knows the subject (a bank question filed
    under pay) say so; otherwise the text decides.
    """
    about = about or about_pay(text)
    if about is None:
        reason = f"fine for {round_.words}: it is not about pay or benefits"
        return Check(text, round_, None, True, reason)
    if round_.is_early:
        reason = (
            f"not at {round_.words}: it asks about {about.words}. Raised this early, it tells "
            "them you care more about what you would get than what you would bring; keep it "
            "for the second interview, the final round or the offer"
        )
        return Check(text, round_, about, False, reason)
    reason = f"fine for {round_.words}: it asks about {about.words}, which is fair to raise by now"
    return Check(text, round_, about, True, reason)
