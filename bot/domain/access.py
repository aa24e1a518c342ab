"""Who may see, change and share a customer, from the explicit list kept on it (issue 15):
its owner and the people it is shared with, their leads and the admins. A pooled prospect has
no owner: its pool team's lead stands in for one, so the lead sees its card and the team's
logs about it attach. Plain values, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.sharing import may_attach_log
from bot.domain.teams import TeamDirectory


@dataclass(frozen=True)
class OnList:
    """A customer's people: its owner (None while it is in a pool), the people it is shared
    with, and the team whose pool holds it (None unless pooled)."""

    owner: str | None
    shared: frozenset[str] = field(default_factory=frozenset)
    pool_team: str | None = None

    @property
    def everyone(self) -> frozenset[str]:
        """The owner and the shared."""
        return self.shared | ({self.owner} if self.owner else set())


def pool_lead(directory: TeamDirectory, people: OnList) -> str | None:
    """The lead of the team whose pool holds the customer, when it is pooled."""
    if people.owner is not None or people.pool_team is None:
        return None
    return next((t.lead for t in directory.teams if t.name == people.pool_team), None)


def answerable(directory: TeamDirectory, people: OnList) -> frozenset[str]:
    """The people the rules count as working the customer: the list, and the pool team's lead
    in place of an owner while it is pooled."""
    lead = pool_lead(directory, people)
    return people.everyone | ({lead} if lead else set())


def may_see(directory: TeamDirectory, viewer: str, people: OnList) -> bool:
    """The card, its logs and moves: the people on the list, their leads and the admins (a
    former owner is not on it after a return or a reassignment, unless it was shared)."""
    return directory.may_see_customer(viewer, set(answerable(directory, people)))


def may_see_contact(directory: TeamDirectory, viewer: str, people: OnList) -> bool:
    """Phone and e-mail: the owner, the owner's lead and the admins; nobody else while it is
    pooled ("hidden until claimed")."""
    if people.owner is None:
        return viewer in directory.admins
    return directory.may_see_contact(viewer, people.owner)


def may_share(directory: TeamDirectory, viewer: str, people: OnList) -> bool:
    """Who decides to share a customer: its owner, the owner's lead, an admin; the pool
    team's lead while it is pooled."""
    lead = pool_lead(directory, people)
    return may_see_contact(directory, viewer, people) or (lead is not None and viewer == lead)


def decider(directory: TeamDirectory, people: OnList, fallback: str) -> str:
    """Whom a request to share goes to: the owner, else the pool team's lead."""
    return people.owner or pool_lead(directory, people) or fallback


def may_attach(directory: TeamDirectory, author: str, people: OnList) -> bool:
    """A log attaches when its author may see the customer or a teammate works it (a pooled
    prospect: the pool team's members, its lead standing in)."""
    return may_attach_log(directory, author, answerable(directory, people))


def may_reassign(directory: TeamDirectory, actor: str, people: OnList) -> bool:
    """Who gives a customer to someone else: an admin, the lead of its owner's team (the owner
    being a member or the lead themself), or the pool team's lead while it is pooled."""
    if actor in directory.admins:
        return True
    if people.owner is None:
        lead = pool_lead(directory, people)
        return lead is not None and lead == actor
    return any(t.lead == actor and people.owner in (t.lead, *t.members)
               for t in directory.teams)
