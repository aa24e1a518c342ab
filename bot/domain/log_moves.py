"""Reading the moves a log states ("Acme Corp signed the contract today!", "丢单了", "Acme → A").

Conservative on purpose (a missed move costs one command, a wrong one misleads the nightly
review): every rule needs an unambiguous past-tense cue; a hedge, negation, wish or future
before it in the same phrase, or a question, cancels it. The subject may be the customer,
a pronoun, a contact or left out: a log is about one customer. Only where a log names the
thing it moves ("moved Globex to qualified", "Globex → A") must that name be the customer's,
and only when the customer is known (`customer=""` reads moves about whoever the log is
about, as the parser does). Phrases: docs/pipeline.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.classification import LIKELIHOOD, LOST, STAGE, axis_named, value_named
from bot.domain.customers import name_key


@dataclass(frozen=True)
class Move:
    """A customer moved on one axis to a value, and the words that said so."""

    axis: str
    value: str
    phrase: str


_CLAUSE = re.compile(r"[^\n.;!?。；！？]+[.;!?。；！？]*")
_EN_STAGE = (r"inquiry|enquiry|first[ -]meeting|qualified|negotiating|negotiation|won|"
             r"after[ -]sales|lost")
_ZH_STAGE = "询价|初次会面|首次会面|需求确认|谈判|成交|售后|流失"
_GRADE = r"(?-i:(?P<grade>[ABC]))(?![\w'’-])"  # capitals only: "likelihood a deal..."
_STAGE_RE = rf"(?:the\s+)?(?P<stage>{_EN_STAGE})(?:\s+stage)?(?![\w-])"
_ZH_GRADE = r"(?P<grade>[ABCabc])(?![A-Za-z\d股])"  # "A股" is the stock market
_THING = (r"(?:contract|deal|order|agreement|po|purchase\s+order|msa|renewal|sow|paperwork|"
          r"papers|tender|bid|business|account|project|rfp|sale)s?")
_OBJ = rf"(?:the|a|an|our|their|this|that|its)\s+(?:[\w$¥€,.-]+\s+){{0,3}}?{_THING}\b"
# What may follow a bare verb ("signed today!", "signed yesterday, kickoff Monday").
_TIME = (r"today|yesterday|tonight|this\s+(?:morning|afternoon|evening|week)|last\s+\w+|"
         r"earlier(?:\s+today)?|just\s+now|at\s+last|finally|officially|on\s+\w+day|"
         r"with\s+us|it|(?:on|at)\s+\d[\w:.]*|\d{1,2}(?::\d\d)?\s*(?:am|pm)")
_TAIL = rf"(?=(?:\s+(?:{_TIME}))*\s*(?:[,;:.!—–)-]|\s+(?:and|so|then|but|kickoff)\b|$))"
_RIVAL = (r"(?:a|another|the\s+other|a\s+cheaper|their\s+old)\s+"
          r"(?:competitor|vendor|supplier|provider)")
_EN_HEDGE = re.compile(
    r"\b(?:if|unless|whether|almost|nearly|not|never|no|hop\w*|expect\w*|might|may|could|"
    r"would|should|will|shall|plan\w*|want\w*|wish\w*|try\w*|risk|afraid|before|until|"
    r"once|when|about\s+to|ready|threat\w*|consider\w*|think\w*|yet|supposed|need\w*|pending|await\w*|wait\w*|going|gonna|"
    r"be|tomorrow|\w+n['’]t)\b", re.IGNORECASE)
_ZH_HEDGE = re.compile(r"没|未|不|别|无|非|勿|若|如果|要是|假如|争取|希望|准备|计划|预计|"
                       r"即将|可能|也许|担心|怕|防止|避免|快|将|会|要|想|能否|是否|马上|"
                       r"差点|几乎|险些|下周|下个?月|明天|后天|明年|等")
_ZH_RIVAL = "竞争对手|竞品|友商|别家|其他家|其他供应商|对手"
_ZH_PAUSE = re.compile(r"[，,、:：\s]")
_SEP = re.compile(r"[,，:：;；—–]|\bbut\b|但是?|不过", re.IGNORECASE)
_PRONOUNS = {"it", "them", "they", "we", "he", "she", "this", "this one", "the customer",
             "the client", "the account", "the deal", "the lead", "the opportunity", "客户",
             "他们", "对方"}
F = re.IGNORECASE


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    axis: str | None  # None: the named group decides
    chinese: bool = False
    names: bool = False  # the group "obj" (or the words before) must be the customer


_RULES = (
    _Rule(re.compile(rf"\bsigned\s+{_OBJ}", F), STAGE),  # "signed the contract today"
    _Rule(re.compile(rf"\bsigned{_TAIL}", F), STAGE),  # "Globex signed yesterday, kickoff…"
    _Rule(re.compile(rf"\b(?:closed[\s-]+won\b|closed\s+{_OBJ}|closed\s+it{_TAIL})", F), STAGE),
    _Rule(re.compile(rf"\b(?:won\s+{_OBJ}|we\s+won(?:\s+it)?{_TAIL})", F), STAGE),
    _Rule(re.compile(r"\b(?:(?:got|received)\s+(?:the|a|their)\s+(?:signed\s+(?:contract|po)|"
                     r"po|purchase\s+order)\b|(?:po|purchase\s+order)\s+(?:was\s+|has\s+been\s+)?"
                     r"received\b)", F), STAGE),
    _Rule(re.compile(rf"\b{_THING}\s+(?:is\s+|was\s+|has\s+been\s+|got\s+|now\s+)?"
                     rf"(?:signed|closed|won){_TAIL}", F), STAGE),
    _Rule(re.compile(rf"\b(?P<lost>lost\s+{_OBJ}|{_THING}\s+(?:is\s+|was\s+|has\s+been\s+)?"
                     rf"lost{_TAIL}|we\s+lost(?:\s+(?:it|out))?\s+to\b)", F), STAGE),
    _Rule(re.compile(rf"\b(?P<lost>(?:went|gone|decided\s+to\s+go)\s+with\s+(?:{_RIVAL}|"
                     rf"[^,;]{{1,40}}?\s+instead\b)|(?:chose|picked|selected|signed\s+with|"
                     rf"awarded\s+(?:it|the\s+\w+)\s+to)\s+{_RIVAL})", F), STAGE),
    _Rule(re.compile(rf"\blost\s+(?P<obj>them|it|this\s+one|the\s+(?:customer|client|account)|"
                     rf"[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){{0,3}})(?P<lost>)(?:\s+to\s+\w|{_TAIL})"),
          STAGE, names=True),
    _Rule(re.compile(rf"(?:\b(?:is|was|has\s+been)\s+)?(?P<lost>\blost){_TAIL}", F), STAGE,
          names=True),
    _Rule(re.compile(rf"\bmov(?:e|ed|ing)\s+(?:(?P<obj>[^,;:→]{{1,60}}?)\s+)?(?:back\s+|up\s+|"
                     rf"down\s+)?to\s+(?:{_GRADE}|{_STAGE_RE})", F), None, names=True),
    _Rule(re.compile(rf"\b(?:upgraded|downgraded|bumped|raised|lowered|dropped)\s+"
                     rf"(?:(?P<obj>[^,;:→]{{1,60}}?)\s+)?to\s+{_GRADE}", F), LIKELIHOOD,
          names=True),
    _Rule(re.compile(rf"(?:→|->|=>|⇒)\s*(?:{_GRADE}|{_STAGE_RE}|(?P<zhstage>{_ZH_STAGE}))", F),
          None, names=True),
    _Rule(re.compile(rf"\b(?:close\s+)?likelihood\s*(?:[:：]|is|now|to|→|->)?\s*(?:now\s+)?"
                     rf"{_GRADE}", F), LIKELIHOOD),
    _Rule(re.compile(rf"\b(?:value\s+)?tier\s*(?:[:：]|is|now|to|→|->)?\s*{_GRADE}", F), "tier"),
    _Rule(re.compile(rf"\bstage\s*(?:[:：]|is|now|to|→|->)\s*{_STAGE_RE}", F), STAGE),
    # Chinese
    _Rule(re.compile(rf"(?<![A-Za-z])(?P<up>升)级?\s*(?:为|到|至|成)?\s*{_ZH_GRADE}"), LIKELIHOOD,
          chinese=True),
    _Rule(re.compile(rf"(?<![A-Za-z])(?P<down>降)级?\s*(?:为|到|至|成)?\s*{_ZH_GRADE}"),
          LIKELIHOOD, chinese=True),
    _Rule(re.compile(rf"(?:成交)?(?:可能性|把握)\s*(?:[:：]|为|是|调到|改为)?\s*{_ZH_GRADE}"),
          LIKELIHOOD, chinese=True),
    _Rule(re.compile(rf"(?:价值|客户)?(?:等级|级别)\s*(?:[:：]|为|是|调到|改为)?\s*{_ZH_GRADE}"),
          "tier", chinese=True),
    _Rule(re.compile(rf"(?:阶段\s*(?:[:：]|为|是|改为)\s*|(?:进入|转入|推进到|推进至|到了)\s*)"
                     rf"(?P<zhstage>{_ZH_STAGE})(?:阶段)?"), STAGE, chinese=True),
    _Rule(re.compile(r"(?P<won>(?:已经?|终于|正式)(?:签约|签单|成交)|(?:签约|签单|成交)了"
                     r"|签(?:下来?|好|完)?了(?!保密|NDA|字|收)|签了(?:合同|单|订单|协议)"
                     r"|拿下(?:来)?了|中标了|合同(?:已经?|终于)?签(?:好|完|下来?)?了"
                     r"|^(?:签约|签单|成交)\s*[!！]*$)(?![吗么嘛没])"), STAGE, chinese=True),
    _Rule(re.compile(rf"(?P<lost>丢单|(?:客户)?流失(?!率|风险|预警)|(?:输给|败给)了?"
                     rf"|(?:选了|选择了?|用了|换成了?)(?:{_ZH_RIVAL})"
                     rf"|(?:跟|和|与)(?:{_ZH_RIVAL})签(?:约|单)?了"
                     r"|(?:单子|项目|订单|这单)黄了|没戏了)"), STAGE, chinese=True),
)


def find_moves(text: str, customer: str = "") -> list[Move]:
    """Explicit moves in a log, in the order written; one per axis (the last). With a
    customer name, a move naming something else ("moved Globex to…") is not its move."""
    found: list[tuple[int, Move]] = []
    for clause_match in _CLAUSE.finditer(text):
        clause, start = clause_match.group(), clause_match.start()
        if _question(clause):
            continue
        found.extend((start + at, move) for at, move in _clause_moves(clause, customer))
    moves: dict[str, Move] = {}
    for _, move in sorted(found, key=lambda pair: pair[0]):
        moves.pop(move.axis, None)
        moves[move.axis] = move
    return list(moves.values())


def _question(clause: str) -> bool:
    end = clause.rstrip()
    return end.endswith(("?", "？")) or bool(re.search(r"(?:吗|么|没有?)\s*$", end))


def _clause_moves(clause: str, customer: str) -> list[tuple[int, Move]]:
    out: list[tuple[int, Move]] = []
    taken: set[int] = set()
    for rule in _RULES:
        for match in rule.pattern.finditer(clause):
            before = clause[:match.start()]
            if match.start() in taken or _hedged(before, chinese=rule.chinese):
                continue
            value = _value(match, rule.axis, before)
            if value is None or (rule.names and not _names_customer(match, before, customer)):
                continue
            if value == (STAGE, "won") and _rival(before, match.group()):
                continue  # "signed with a competitor", "跟竞争对手签了"
            taken.add(match.start())
            out.append((match.start(), Move(value[0], value[1], match.group().strip())))
    return out


def _value(match: re.Match[str], axis: str | None, before: str) -> tuple[str, str] | None:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    if "lost" in groups:
        return STAGE, LOST
    if "won" in groups or axis == STAGE and not ({"stage", "zhstage", "grade"} & set(groups)):
        return STAGE, "won"
    named = axis_named(_subject(before)) if axis is None else None  # "tier → A"
    if "grade" in groups:
        return named or axis or LIKELIHOOD, groups["grade"].upper()
    stage = groups.get("stage") or groups.get("zhstage")
    found = value_named(STAGE, stage) if stage else None
    return (STAGE, found) if found and named in (None, STAGE) else None


def _subject(before: str) -> str:
    """The words just before a cue, back to the last separator ("Acme Corp: met Li, Acme")."""
    return _SEP.split(before.rstrip(" :：,，-"))[-1].strip()


def _names_customer(match: re.Match[str], before: str, customer: str) -> bool:
    words = match.groupdict().get("obj")
    if words is None:
        words = _subject(before)
    if axis_named(words) or value_named(STAGE, words) or words.strip() in ("A", "B", "C"):
        return True  # "stage → won", "negotiating → won", "B → A"
    if not customer.strip():
        return True
    key, own = name_key(words), name_key(customer)
    return not key or key in _PRONOUNS or (len(key) > 1 and (key in own or own in key))


def _rival(before: str, cue: str) -> bool:
    phrase = _ZH_PAUSE.split(before)[-1] + cue
    return bool(re.search(rf"{_ZH_RIVAL}|\b(?:with|to)\s+{_RIVAL}", phrase, F))


def _hedged(before: str, *, chinese: bool) -> bool:
    """A wish, doubt, denial or future just before the cue, in the same phrase."""
    if chinese:  # Chinese hedges sit right before the verb
        return bool(_ZH_HEDGE.search(_ZH_PAUSE.split(before)[-1][-4:]))
    return bool(_EN_HEDGE.search(_SEP.split(before)[-1]))
