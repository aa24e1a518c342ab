"""The answers to /review."""

from __future__ import annotations

from typing import Any

from bot.services.review.command import ReviewAnswer
from handlers.blocks.review import review_parent_message, review_rep_message
from handlers.blocks.text import context, message_link, section, shown

REFUSED = ("Only a team's lead (or an admin) can post its review with `/review`. Your "
           "team's review is posted in its channel every working evening; reply in your part "
           "of its thread to log follow-ups. `/review help` explains.")


def review_command_message(answer: ReviewAnswer) -> dict[str, Any]:
    """What /review answers, to the person who typed it."""
    post = answer.post
    if answer.status == "preview" and answer.review is not None:
        return _preview(answer)
    if answer.status == "queued" and post is not None:
        text = (f"Posting the review of *{shown(post.team, 100)}* for {post.day:%a %Y-%m-%d} "
                f"in <#{post.channel}> now; each rep's part follows in its thread.")
    elif answer.status == "already" and post is not None:
        where = (f"<{message_link(post.channel, post.ts)}|posted in <#{post.channel}>>"
                 if post.channel and post.ts else f"being posted in <#{post.channel}>")
        text = (f"Today's review of *{shown(post.team, 100)}* is already {where}. "
                "`/review again` posts another copy.")
    elif answer.status == "forbidden":
        text = REFUSED
    elif answer.status in ("which_team", "unknown_team"):
        names = ", ".join(f"`{shown(n, 100)}`" for n in answer.teams) or "none configured"
        text = f"Which team? Say `/review TEAM`; teams: {names}."
    else:  # no_workspace: the bot could not learn its workspace at start
        text = "The review cannot be posted right now; please ask an admin to check the bot."
    return {"text": text, "blocks": [section(text)]}


def _preview(answer: ReviewAnswer) -> dict[str, Any]:
    review = answer.review
    assert review is not None
    parent = review_parent_message(review, [r.user_id for r in review.reps], answer.lang)
    blocks = [context("Preview, shown to you alone; nothing is posted."), *parent["blocks"]]
    for rep in review.reps:
        blocks += [{"type": "divider"},
                   *review_rep_message(rep, review.timezone, answer.lang)["blocks"]]
    if len(blocks) > 50:
        blocks = [*blocks[:49], context("…more than fits here: "
                                        "`python -m bot review --team NAME --print` has it all.")]
    return {"text": parent["text"], "blocks": blocks}
