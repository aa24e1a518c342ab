"""The brief before a contact (docs/domain.md section 12): what the owner should have in mind
before calling, in at most five lines - the last contact, the customer's needs, the last
objection or dissatisfaction, open complaints, the next revisit. Pure: the service reads the
facts, the blocks say them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

F = re.IGNORECASE
# Words with which a rep reports the customer pushing back (price, doubts, a competitor).
_OBJECTION = re.compile(
    r"\b(?:too\s+(?:expensive|pricey|costly|high)|price\s+is\s+(?:too\s+)?high|"
    r"objections?|objected|concerns?\s+about|concerned|worried|hesitant|hesitat\w*|"
    r"not\s+convinced|push(?:ed)?\s*back|no\s+budget|budget\s+(?:is\s+)?(?:tight|cut)|"
    r"(?:cheaper|lower)\s+(?:offer|quote|price)|unhappy|not\s+happy|complain\w*|"
    r"dissatisfied)\b|"
    r"太贵|嫌贵|偏贵|价格(?:太|偏)?高|贵了|异议|顾虑|担心|犹豫|不放心|预算不[够足]|没预算|"
    r"竞品|比价|不满意|不满|抱怨|有意见", F)


def reads_as_objection(text: str) -> bool:
    """Whether a log reports the customer objecting or unhappy ("嫌贵", "worried about
    delivery")."""
    return _OBJECTION.search(text) is not None


@dataclass(frozen=True)
class Concern:
    """The last objection (a log's words) or dissatisfaction (a revisit's low score)."""

    at: datetime
    text: str
    score: int | None = None  # a revisit's score of 1-3; None for a log's objection


def last_concern(logs: Iterable[tuple[datetime, str]], low_score: Concern | None
                 ) -> Concern | None:
    """The newer of the newest objecting log (logs newest first) and the last low score."""
    said = next((Concern(at, text) for at, text in logs if reads_as_objection(text)), None)
    found = [c for c in (said, low_score) if c is not None]
    return max(found, key=lambda c: c.at) if found else None


@dataclass(frozen=True)
class Brief:
    """What the owner sees before a contact; each part None (or 0) when there is nothing."""

    last_contact_at: datetime | None = None
    last_contact: str | None = None
    needs: str | None = None
    concern: str | None = None
    concern_score: int | None = None
    open_complaints: int = 0
    complaint: str | None = None  # the newest open complaint's words
    next_revisit: str | None = None  # its step ("3d")
    next_revisit_day: date | None = None

    def lines(self) -> int:
        """How many lines it takes (never more than five)."""
        return sum((True, bool(self.needs), bool(self.concern), self.open_complaints > 0,
                    self.next_revisit_day is not None))
