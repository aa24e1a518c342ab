"""Slack's pace and the sending lanes, with time passed in."""

from __future__ import annotations

from bot.domain.pacing import UNLIMITED, Lane, LanePicker, Limits, Pacer, Rate, StartGuard

WS, POST = "T1", "chat.postMessage"


def test_a_channel_gets_its_burst_then_one_message_a_second_in_order() -> None:
    pacer = Pacer(Limits(per_channel={POST: Rate(1.0, 2)}, per_method={}))
    slots = [pacer.reserve(WS, POST, "C1", 100.0) for _ in range(5)]
    assert slots == [100.0, 100.0, 101.0, 102.0, 103.0]


def test_channels_and_workspaces_are_paced_apart() -> None:
    pacer = Pacer(Limits(per_channel={POST: Rate(1.0, 1)}, per_method={}))
    assert pacer.reserve(WS, POST, "C1", 0.0) == 0.0
    assert pacer.reserve(WS, POST, "C2", 0.0) == 0.0
    assert pacer.reserve("T2", POST, "C1", 0.0) == 0.0
    assert pacer.reserve(WS, POST, "C1", 0.0) == 1.0


def test_a_quiet_channel_earns_its_burst_back() -> None:
    pacer = Pacer(Limits(per_channel={POST: Rate(1.0, 2)}, per_method={}))
    for _ in range(4):
        pacer.reserve(WS, POST, "C1", 0.0)
    assert pacer.reserve(WS, POST, "C1", 10.0) == 10.0
    assert pacer.reserve(WS, POST, "C1", 10.0) == 10.0
    assert pacer.reserve(WS, POST, "C1", 10.0) == 11.0


def test_starts_whose_reserved_moments_passed_together_get_the_burst_then_the_pace() -> None:
    limits = Limits(per_channel={POST: Rate(1.0, 2)}, per_method={})
    pacer, guard = Pacer(limits), StartGuard(limits)
    slots = [pacer.reserve(WS, POST, "C1", 0.0) for _ in range(5)]
    assert slots == [0.0, 0.0, 1.0, 2.0, 3.0]
    # The sender stalled until 10 s: every moment has passed, yet only the burst may start.
    assert [guard.start(WS, POST, "C1", 10.0) for _ in range(3)] == [10.0, 10.0, 11.0]
    assert guard.start(WS, POST, "C1", 11.0) == 11.0
    assert guard.start(WS, POST, "C1", 11.5) == 12.0
    assert guard.start(WS, POST, "C2", 11.5) == 11.5  # another channel is not held


def test_a_start_told_to_wait_is_not_counted() -> None:
    guard = StartGuard(Limits(per_channel={}, per_method={"chat.update": Rate(0.5, 1)}))
    assert guard.start(WS, "chat.update", "C1", 0.0) == 0.0
    assert guard.start(WS, "chat.update", "C2", 0.5) == 2.0
    assert guard.start(WS, "chat.update", "C2", 1.0) == 2.0  # still 2: the refusals took no slot
    assert guard.start(WS, "chat.update", "C2", 2.0) == 2.0
    assert guard.start("T2", "chat.update", "C1", 2.0) == 2.0


def test_a_tier_limit_counts_every_channel_of_the_workspace() -> None:
    pacer = Pacer(Limits(per_channel={}, per_method={"chat.update": Rate(0.5, 1)}))
    assert [pacer.reserve(WS, "chat.update", f"C{i}", 0.0) for i in range(3)] == [0.0, 2.0, 4.0]
    assert pacer.reserve("T2", "chat.update", "C1", 0.0) == 0.0


def test_a_429_blocks_its_key_until_retry_after_and_no_other() -> None:
    pacer = Pacer(Limits(per_channel={POST: Rate(1.0, 3)}, per_method={}))
    pacer.refused(WS, POST, "C1", until=30.0)
    assert pacer.blocked_until(WS, POST, "C1", 5.0) == 30.0
    assert pacer.reserve(WS, POST, "C1", 5.0) == 30.0
    assert pacer.reserve(WS, POST, "C2", 5.0) == 5.0
    assert pacer.blocked_until(WS, POST, "C2", 5.0) == 5.0


def test_unlimited_methods_are_never_held() -> None:
    pacer = Pacer(UNLIMITED)
    assert {pacer.reserve(WS, POST, "C1", 7.0) for _ in range(50)} == {7.0}


def test_slack_limits_by_default() -> None:
    limits = Limits()
    assert [rate for _, rate in limits.keys(WS, POST, "C1")] == [Rate(1.0, 2)]
    assert len(limits.keys(WS, "reactions.add", "C1")) == 1  # tier 3, per workspace
    assert limits.keys(WS, "response_url", "https://hooks") == []


def _drain(picker: LanePicker, n: int) -> list[str]:
    return [str(picker.pick()) for _ in range(n)]


def test_a_busy_lane_slows_the_others_but_never_stops_them() -> None:
    picker = LanePicker()
    for i in range(20):
        picker.add(Lane.CHANNEL, WS, f"review{i}")
        picker.add(Lane.REMINDER, WS, f"remind{i}")
    picker.add(Lane.PERSON, WS, "answer")
    first = _drain(picker, 7)
    assert first[0] == "answer"
    assert sum(x.startswith("review") for x in first) >= 1
    assert sum(x.startswith("remind") for x in first) > sum(x.startswith("review") for x in first)


def test_answers_take_four_of_seven_slots_when_every_lane_is_full() -> None:
    picker = LanePicker()
    for i in range(14):
        for lane in Lane:
            picker.add(lane, WS, f"{lane.name}{i}")
    picked = _drain(picker, 14)
    assert [sum(x.startswith(lane.name) for x in picked) for lane in Lane] == [8, 4, 2]


def test_workspaces_take_turns_within_a_lane() -> None:
    picker = LanePicker()
    for i in range(5):
        picker.add(Lane.REMINDER, "T1", f"T1-{i}")
    picker.add(Lane.REMINDER, "T2", "T2-0")
    picker.add(Lane.REMINDER, "T3", "T3-0")
    assert _drain(picker, 4) == ["T1-0", "T2-0", "T3-0", "T1-1"]


def test_a_waiting_item_is_passed_over_and_its_order_kept() -> None:
    picker = LanePicker()
    for name in ("c1-a", "c1-b", "c2-a"):
        picker.add(Lane.CHANNEL, WS, name)
    assert picker.pick(lambda item: str(item).startswith("c1")) == "c2-a"
    assert _drain(picker, 2) == ["c1-a", "c1-b"]
    assert picker.pick() is None and len(picker) == 0
