"""Tags as typed: one spelling per tag whatever the case, Chinese welcome, bad ones named."""

from __future__ import annotations

from bot.domain.customer_filter import CustomerFilter, parse_filter
from bot.domain.problems import problem
from bot.domain.tags import parse_tag_changes, parse_tag_list


def test_tag_changes_add_and_remove_case_insensitively() -> None:
    changes = parse_tag_changes("+urgent +Manufacturing -cold +URGENT +展会")
    assert changes.add == ("urgent", "Manufacturing", "展会")
    assert changes.remove == ("cold",) and changes.problems == ()


def test_the_last_word_about_a_tag_wins_and_full_width_signs_count() -> None:
    changes = parse_tag_changes("+cold －cold ＋Ｑ3")
    assert changes.add == ("Q3",) and changes.remove == ("cold",)


def test_bad_tags_are_named() -> None:
    changes = parse_tag_changes("+ok +<b>bold</b> +x@y +--")
    assert changes.problems == (
        problem("tag_characters", tag="<b>bold</b>", chars="'<' '>'"),
        problem("tag_characters", tag="x@y", chars="'@'"), problem("tag_empty", tag="--"))
    assert parse_tag_changes("   ").problems == (problem("no_tags"),)
    assert parse_tag_changes("+" + "a" * 101).problems == (
        problem("tag_too_long", tag="a" * 40 + "…", n=100),)
    assert parse_tag_list(", ".join(f"t{i}" for i in range(31)))[1] == (
        problem("too_many_tags", n=30),)


def test_a_typed_list_splits_on_commas_and_keeps_spaces_inside_a_tag() -> None:
    tags, problems = parse_tag_list("2026-Q3 intent, urgent；展会、#Urgent")
    assert tags == ("2026-Q3 intent", "urgent", "展会") and problems == ()


def test_filter_reads_every_kind_of_term() -> None:
    wanted, problems = parse_filter(
        "tag:urgent tag:Manufacturing stage:negotiating owner:<@U0SAM|sam> likelihood:a "
        "tier:B", "U0ME")
    assert problems == ()
    assert wanted == CustomerFilter(tags=("urgent", "manufacturing"), stage="negotiating",
                                    likelihood="A", tier="B", owner="U0SAM")
    assert parse_filter("owner:me 阶段:谈判 标签:展会", "U0ME")[0] == CustomerFilter(
        tags=("展会",), stage="negotiating", owner="U0ME")
    assert parse_filter("owner:<@U0SAM> stage:first_meeting", "U0ME")[0] == CustomerFilter(
        stage="first_meeting", owner="U0SAM")
    assert parse_filter('tag:"2026-Q3  Intent" tag:x', "U0ME")[0].tags == (
        "2026-q3 intent", "x")


def test_filter_mistakes_say_what_is_valid() -> None:
    _, problems = parse_filter("stage:maybe likelihood:D colour:red acme owner:@sam tag: "
                               "tier:A tier:B", "U0ME")
    assert problems == (
        problem("not_a_value", typed="maybe", key="stage"),
        problem("not_a_value", typed="D", key="likelihood"),
        problem("not_a_filter", word="colour:red"), problem("not_a_filter", word="acme"),
        problem("not_a_value", typed="@sam", key="owner"), problem("tag_needed"),
        problem("given_twice", key="tier"))
