"""/review: a team lead (or an admin) posts tonight's review now, or previews it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.review import TeamReview
from bot.domain.teams import Team
from bot.services.context import ServiceContext
from bot.services.language import own_language
from bot.services.review.build import build_review, team_named
from bot.services.review.post import ReviewPost, post_review


@dataclass(frozen=True)
class ReviewAnswer:
    """What /review did: posted (or found posted), previewed, or why not."""

    status: str  # queued | already | preview | forbidden | unknown_team | which_team | ...
    post: ReviewPost | None = None
    review: TeamReview | None = None
    lang: str = "en"  # of the review itself (the team's: a preview shows what is posted)
    teams: tuple[str, ...] = ()
    own: str = "en"  # of the answer's own words (the person's)


def review_now(ctx: ServiceContext, workspace_id: str, user: str, team_name: str | None,
               now: datetime, *, again: bool = False, preview: bool = False) -> ReviewAnswer:
    """Post tonight's review of the user's team now; it counts as the day's review, so the
    scheduled one is not posted again (`again` posts a further copy on purpose)."""
    own = own_language(ctx, user)
    team = _team(ctx, user, team_name)
    if isinstance(team, ReviewAnswer):
        return replace(team, own=own)
    day = now.astimezone(ZoneInfo(team.timezone)).date()
    if preview:
        return ReviewAnswer(status="preview", review=build_review(ctx, team.name, day, now),
                            lang=team.language, own=own)
    post = post_review(ctx, team, day, now, again=again, workspace_id=workspace_id)
    return ReviewAnswer(status=post.status, post=post, lang=team.language, own=own)


def _team(ctx: ServiceContext, user: str, name: str | None) -> Team | ReviewAnswer:
    """The team the user may run the review of: the one named, or the one they lead."""
    directory = ctx.directory
    admin = user in directory.admins
    if name:
        team = team_named(ctx, name)
        if team is None:
            return ReviewAnswer(status="unknown_team",
                                teams=tuple(t.name for t in directory.teams))
        return team if admin or team.lead == user else ReviewAnswer(status="forbidden")
    led = [t for t in directory.teams if t.lead == user]
    if len(led) == 1:
        return led[0]
    if led:  # the lead of several teams says which
        return ReviewAnswer(status="which_team", teams=tuple(t.name for t in led))
    if admin:
        return ReviewAnswer(status="which_team" if directory.teams else "unknown_team",
                            teams=tuple(t.name for t in directory.teams))
    return ReviewAnswer(status="forbidden")
