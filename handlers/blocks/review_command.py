"""The answers to /review: their own words in the person's language (`answer.own`), a
preview in the team's (what the channel will read)."""

from __future__ import annotations

from typing import Any

from babel.dates import format_date

from bot.catalog import babel_locale, tr
from bot.services.review.command import ReviewAnswer
from handlers.blocks.review import review_parent_message, review_rep_message
from handlers.blocks.text import context, message_link, section, shown


def _channel(channel_id: str | None) -> str:
    return f"<#{channel_id}>"


def review_command_message(answer: ReviewAnswer) -> dict[str, Any]:
    """What /review answers, to the person who typed it."""
    post, lang = answer.post, answer.own
    if answer.status == "preview" and answer.review is not None:
        return _preview(answer)
    if answer.status == "queued" and post is not None:
        text = tr(lang, "Posting the review of *{team}* for {day} in {channel} now; each rep's "
                        "part follows in its thread.", team=shown(post.team, 100),
                  day=format_date(post.day, "EEE yyyy-MM-dd", locale=babel_locale(lang)),
                  channel=_channel(post.channel))
    elif answer.status == "already" and post is not None:
        channel = f"<#{post.channel}>"
        posted = tr(lang, "posted in {channel}", channel=channel)
        where = (f"<{message_link(post.channel, post.ts)}|{posted}>"
                 if post.channel and post.ts
                 else tr(lang, "being posted in {channel}", channel=channel))
        text = tr(lang, "Today's review of *{team}* is already {where}. `/review again` posts "
                        "another copy.", team=shown(post.team, 100), where=where)
    elif answer.status == "forbidden":
        text = tr(lang, "Only a team's lead (or an admin) can post its review with `/review`. "
                        "Your team's review is posted in its channel every working evening; "
                        "reply in your part of its thread to log follow-ups. `/review help` "
                        "explains.")
    elif answer.status in ("which_team", "unknown_team"):
        names = ", ".join(f"`{shown(n, 100)}`" for n in answer.teams) \
            or tr(lang, "none configured")
        text = tr(lang, "Which team? Say `/review TEAM`; teams: {names}.", names=names)
    else:  # no_workspace: the bot could not learn its workspace at start
        text = tr(lang, "The review cannot be posted right now; please ask an admin to check "
                        "the bot.")
    return {"text": text, "blocks": [section(text)]}


def _preview(answer: ReviewAnswer) -> dict[str, Any]:
    review, lang = answer.review, answer.own
    assert review is not None
    parent = review_parent_message(review, [r.user_id for r in review.reps], answer.lang)
    blocks = [context(tr(lang, "Preview, shown to you alone; nothing is posted.")),
              *parent["blocks"]]
    for rep in review.reps:
        blocks += [{"type": "divider"},
                   *review_rep_message(rep, review.timezone, answer.lang)["blocks"]]
    if len(blocks) > 50:
        blocks = [*blocks[:49], context(tr(lang, "…more than fits here: `python -m bot review "
                                                 "--team NAME --print` has it all."))]
    return {"text": parent["text"], "blocks": blocks}
