"""Who the log is about, through which channel, what happened and what comes next."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ..customer_match import KnownCustomer, match_customer
from ..customer_names import opening_name
from .types import DueReading, ParsedLog

_CHANNELS: tuple[tuple[str, str], ...] = (
    ("call", r"\b(?:called|phoned|rang|dialed|call(?:ed)? with|no answer|voicemail|left a vm)\b"
             r"|打了?电话|打了?電話|致电|致電|通话|通話|电话沟通|没接|沒接"),
    ("visit", r"\b(?:visited|on-?site|dropped by|stopped by)\b|拜访|拜訪|上门|上門|走访|走訪"),
    ("email", r"\b(?:e-?mailed|sent (?:an )?e-?mail|mailed|wrote to)\b"
              r"|发了?邮件|發了?郵件|邮件|郵件"),
    ("chat", r"\b(?:chatted|messaged|texted|pinged|whatsapp(?:ed)?|wechat(?:ed)?|dm'?d|slacked)\b"
             r"|微信|聊了"),
    ("meeting", r"\b(?:met|meeting|demo(?:ed|'d)?|zoom|presented|lunch with|coffee with)\b"
                r"|开会|開會|会议|會議|见面|見面|面谈|面談|演示"),
)
_FUTURE_CHANNELS = (
    ("call", r"\b(?:call|ring|phone)\b|打电话|回电|回電|电话|電話"),
    ("visit", r"\bvisit\b|拜访|拜訪|回访|回訪"),
    ("email", r"\be-?mail\b|邮件|郵件"),
    ("meeting", r"\bmeet\b|会议|會議"),
)
_NAME = r"(?P<name>[A-Z0-9][\w&.'-]*(?:\s+(?:[A-Z0-9&][\w&.'-]*|(?:of|and|de|la|from|at)\b))*)"
_EN_VERB = re.compile(
    r"(?i:\b(?:called|call with|phoned|rang|visited|met with|met|emailed|e-mailed|messaged|"
    r"pinged|texted|spoke (?:with|to)|talked to|moved|demoed to|demoed|meeting with|lunch with|"
    r"chatted with|"
    r"followed up with|reached out to|heard from)\s+(?:the\s+)?)" + _NAME
)
_EN_SUBJECT = re.compile(
    r"^\s*" + _NAME + r"\s+(?:wants|needs|asked|said|agreed|is|are|has|confirmed|signed|"
    r"requested|replied|rejected|declined|approved|would like)\b"
)
_EXPLICIT = re.compile(
    r"^\s*(?:(?:customer|client|account|客户|客戶)\s*[:：]\s*(?P<tagged>[^,，。.;；\n]+?)"
    r"(?:[,，。.;；\n]|$)|(?P<lead>[^:：\n，。；;！？]{1,40}?)\s*[:：](?![()\[\]/|\\]|[DPp](?![A-Za-z])))\s*",
    re.IGNORECASE,
)
_CJK_NAME = r"[\u4e00-\u9fffA-Za-z0-9]{2,12}?"
_ZH_VERB = re.compile(
    r"(?:给|給|跟|和|与|與)(?P<a>" + _CJK_NAME + r")(?:的(?P<ac>[\u4e00-\u9fff]{1,4}))?"
    r"(?:打了?(?:个|個)?电话|打了?(?:个|個)?電話|通了电话|开了?会|聊了|发了?邮件)"
    r"|(?:拜访了?|拜訪了?|联系了?(?!不)|聯繫了?(?!不)|联络了?|约见了?|見了|见了|致电|致電|走访了?|打给|打給)"
    r"(?P<b>[\u4e00-\u9fffA-Za-z0-9]{2,12}?)(?:的(?P<bc>[\u4e00-\u9fff]{1,4}?))?"
    r"(?=[,，。.;；\s]|$|的|，|要|说|說|需|希望|想|表示|反馈|反饋|确认|確認)"
)
_ZH_SUBJECT = re.compile(
    r"^\s*(?P<s>[\u4e00-\u9fffA-Za-z0-9]{2,10}?)(?:的(?P<sc>[\u4e00-\u9fff]{1,4}?))?"
    r"(?:要|需要|希望|想要|想|说|說|反馈|反饋|表示|同意|确认|確認|问|問|已经|已經|没|沒)"
)
_ZH_CONTACT = re.compile(
    r"(?<![给給跟和与與找])(?![零一二两兩三四五六七八九十几幾这這那])[\u4e00-\u9fff]"
    r"(?:总|總|经理|經理|先生|女士|小姐|老师|老師|主任|董|处|處|科长|科長)"
    r"|(?<=[给給跟和与與找])[\u4e00-\u9fff](?:总|總|经理|經理|先生|女士|小姐|老师|老師|主任)"
)
_EN_FROM = re.compile(
    r"^(?P<contact>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)\s+(?:from|at|of)\s+(?P<co>.+)$"
)
_EN_CONTACT = re.compile(
    r"(?:^|[,.;]\s*)(?P<c>(?!(?:Send|Call|Follow|Try|Email|Next|They|We|She|He|It|The|No|Will)\b)"
    r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:wants|needs|asked|said|agreed|will|is|confirmed)\b"
)
_TRAILING = re.compile(
    r"(?i)(?:\s+(?:team|people|folks|guys|office|again|today|yesterday|back|from|at|of|and))+$"
)
_NEXT_CUE = re.compile(
    r"(?i)\b(?:send|follow[- ]?up|call back|call|try again|email|remind|schedule|book|prepare|"
    r"share|chase|check in|visit|meet|get back)\b|再|回访|回訪|跟进|跟進|答复|答覆|回复|回覆|"
    r"发送|發送|提交|准备|準備|安排|报价|報價|联系|聯繫|打给|回电"
)
_CLAUSE = re.compile(r"[^.;。；!！?？\n,，]+[.;。；!！?？\n,，]?")


def fold(name: str) -> str:
    """Case- and accent-insensitive form of a name, for matching known customers."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def named_in(text: str) -> str | None:
    """The customer name the rep gives in a log, as typed (None when none is given), or the
    name the log opens with."""
    return name_given(text)[0]


def name_given(text: str) -> tuple[str | None, bool]:
    """The name to match (as `named_in`) and whether it is only the one the log opens with
    (match_customer's `guessed`)."""
    typed = _who(text)[0]
    opening = None if typed else opening_name(text)
    return typed or opening, opening is not None


def _who(text: str) -> tuple[str | None, str | None]:
    explicit = _EXPLICIT.match(text)
    if explicit:
        name = (explicit.group("tagged") or explicit.group("lead") or "").strip()
        if name and len(name.split()) <= 5:
            return _split_contact(name)
    for pattern in (_EN_VERB, _EN_SUBJECT):
        found = pattern.search(text)
        if found:
            return _split_contact(_TRAILING.sub("", found.group("name").strip(" .")))
    found = _ZH_VERB.search(text)
    if found:
        return found.group("a") or found.group("b"), found.group("ac") or found.group("bc")
    found = _ZH_SUBJECT.match(text)
    if found:
        return found.group("s"), found.group("sc")
    return None, None


def _person_called(body: str, customer: str) -> str | None:
    """"Acme: called Zhang Min, ...": with the customer named up front, the one called is a
    person of theirs (kept as the log's contact, so the next log can name them alone)."""
    found = _EN_VERB.search(body)
    if found is None:
        return None
    name = _TRAILING.sub("", found.group("name").strip(" ."))
    return name if 0 < len(name.split()) <= 3 and fold(name) != fold(customer) else None


def _split_contact(name: str) -> tuple[str, str | None]:
    found = _EN_FROM.match(name)
    if found:
        return found.group("co").strip(), found.group("contact")
    customer, _, contact = (part.strip() for part in name.rpartition("的"))
    # "华为的王总", "Acme 的 Sarah": the customer's person; 的 inside a name (美的置业) is no split
    if len(customer) >= 2 and contact and (len(contact) <= 4 or len(contact.split()) <= 2):
        return customer, contact
    return name, None


def _channel(text: str, next_step: str | None) -> str | None:
    for channel, pattern in _CHANNELS:
        if re.search(pattern, text, re.IGNORECASE):
            return channel
    rest = text.replace(next_step, " ") if next_step else text
    for channel, pattern in _FUTURE_CHANNELS:
        if re.search(pattern, rest, re.IGNORECASE):
            return channel
    return None


def _steps(body: str, due: DueReading | None) -> tuple[str, str | None]:
    clauses = [c.strip() for c in _CLAUSE.findall(body) if c.strip(" ,，.;。；")]
    index = None
    if due is not None:
        index = next((i for i, c in enumerate(clauses) if due.label and due.label in c), None)
    if index is None:
        index = next((i for i in range(len(clauses) - 1, -1, -1)
                      if _NEXT_CUE.search(clauses[i])), None)
        if index == 0 and len(clauses) > 1 or index is not None and due is None and index == 0:
            index = index if len(clauses) > 1 else None
    if index is None:
        return body.strip(), None
    next_step = clauses[index].strip(" ,，.;。；")
    # Chinese punctuation carries its own spacing; after English punctuation a space follows.
    rest = "".join(c if c[-1:] in "，。；！？" else c + " " for c in clauses[:index]
                   + clauses[index + 1:]).strip(" ,，.;。；")
    return rest or next_step, next_step


def read_log(
    text: str,
    due: DueReading | None,
    alternatives: tuple[DueReading, ...],
    known_customers: Sequence[str | KnownCustomer],
) -> ParsedLog:
    """Assemble a ParsedLog from the text and the time already chosen."""
    contact = _who(text)[1]
    typed, guessed = name_given(text)
    match = match_customer(text, typed, [
        k if isinstance(k, KnownCustomer) else KnownCustomer(k) for k in known_customers],
        guessed=guessed)
    customer = match.name
    known = match.kind == "existing"
    contact = match.contact or contact
    explicit = _EXPLICIT.match(text)
    body = text[explicit.end():] if explicit else text
    if contact is None:
        found = _ZH_CONTACT.search(text) or _EN_CONTACT.search(text)
        candidate = found.group("c") if found and "c" in found.groupdict() else (
            found.group(0) if found else None)
        if candidate is None and explicit and customer:
            candidate = _person_called(body, customer)
        if candidate and (customer is None or fold(candidate) not in fold(customer)):
            contact = candidate
    summary, next_step = _steps(body.strip(), due)
    channel = _channel(text, next_step)
    confidence = 0.2 + 0.15 * bool(customer) + 0.1 * bool(known) + 0.1 * bool(channel)
    confidence += 0.1 * bool(next_step) + (0.3 if due else 0.0)
    if alternatives:
        confidence -= 0.15
    return ParsedLog(
        customer=customer, contact=contact, channel=channel, summary=summary[:280],
        next_step=next_step, due=due, confidence=max(0.05, min(confidence, 0.95)),
        alternatives=alternatives, customer_match=match,
    )
