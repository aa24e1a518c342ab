"""The terminal shell, driven through its input stream and as `python -m bot shell`."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from bot.config import Settings
from bot.shell import run_shell
from bot.teamconfig import parse_directory

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, lines: list[str], *, config: str = "",
         user: str = "U0SHELL", locale: str | None = None) -> str:
    out = io.StringIO()
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'shell.db'}",
                        default_tz="Europe/Berlin", terminal_locale=locale)
    code = run_shell(settings, parse_directory(config), user_id=user,
                     stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    assert code == 0
    return out.getvalue()


def test_log_create_customer_list_and_complete(tmp_path: Path) -> None:
    shown = _run(tmp_path, [
        "/log Acme Corp: called Li, wants a quote for 20 seats. Send quote by Friday 3pm",
        "1",  # Create "Acme Corp"
        "/tasks",
        "5",  # Done
        "/tasks",
    ])
    assert 'Create "Acme Corp"' in shown
    assert "Logged — Acme Corp" in shown and "(Europe/Berlin)" in shown
    assert "Your open tasks: 1" in shown
    assert "✅ Done" in shown and "Your open tasks: none" in shown


def test_dm_is_a_log_and_the_other_reading_of_a_time_is_one_press_away(tmp_path: Path) -> None:
    shown = _run(tmp_path, [
        "/log Initech: no answer",
        "1",  # [1] Create "Initech" [2] Edit  ->  [3] Edit [4] Undo
        "Initech: no answer, try again next Tuesday at 9",  # -> [5] Use <the other reading> ...
        "5",
    ])
    dm_reply = shown.split("you> ")[3]
    assert "Logged — Initech" in dm_reply and "Did you mean another time?" in dm_reply
    assert "[5] Use Tue" in dm_reply and "21:00" in dm_reply
    assert "Updated — Initech" in shown.split("you> ")[4]


def test_edit_form_rejects_unreadable_time_then_saves(tmp_path: Path) -> None:
    shown = _run(tmp_path, [
        "/log Globex: met Hank",
        "1",  # Create "Globex"
        "3",  # Edit
        "",  # customer: keep
        "",  # summary: keep
        "send the deck",  # next step
        "whenever",  # due: unreadable, said once the form is closed (read after the answer)
        "3", "", "", "send the deck", "tomorrow 10am",  # Edit again
    ])
    assert "[form] Edit log" in shown
    assert "Not saved: I could not read a time" in shown
    assert "Updated — Globex" in shown and "send the deck" in shown


def test_unknown_command_and_button_get_an_answer(tmp_path: Path) -> None:
    shown = _run(tmp_path, ["/frobnicate", "42", "/log", "/tasks help"])
    assert "Unknown command /frobnicate" in shown
    assert "There is no button [42]" in shown
    assert "Log a call or visit" in shown and "Your follow-up tasks" in shown


def test_the_shells_own_words_are_in_the_terminals_language(tmp_path: Path) -> None:
    shown = _run(tmp_path, ["/frobnicate", "42", "/as bob", "/as U0LEAD", "/log Acme: 下周三回访",
                            "1", "3", "", "", "", "随便", "/help"],
                 config=EAST_ON_DUTY, user="U0REP", locale="zh_CN")
    banner, _, rest = shown.partition("\n")
    assert banner.startswith("跟进机器人命令行 — 你是 U0REP（East 的成员），数据库 sqlite:///")
    assert "用 /as U0REP2 以其他人的身份操作" in rest and "你> " in rest
    assert "  /tasks                 你的待办任务" in rest  # the help, twice
    assert rest.count("输入发生了什么（相当于私信机器人），或输入命令：") == 2
    assert "未知命令 /frobnicate。试试 /log、/tasks 或 /help。" in shown
    assert "没有编号为 [42] 的按钮。" in shown
    assert "你是 U0REP（East 的成员）。要以其他人的身份操作，请给出对方的 Slack 用户 ID" in shown
    assert "你现在是 U0LEAD（East 的组长）。" in shown
    # the bot's answers follow the person (Chinese typed: Chinese), its forms too
    assert "已记录 — Acme" in shown and "[表单] 编辑记录（直接回车保留显示的值）" in shown
    assert "未保存：我无法从“随便”中读出时间。" in shown
    assert "Unknown command" not in shown and "Follow-up bot shell" not in shown
    assert "you> " not in shown and "[form] " not in shown


def test_an_english_or_unset_terminal_gets_english(tmp_path: Path) -> None:
    for locale in ("en_GB", None, "fr_FR"):
        shown = _run(tmp_path, ["/frobnicate"], locale=locale)
        assert shown.startswith("Follow-up bot shell — you are U0SHELL (in no team)")
        assert "Unknown command /frobnicate. Try /log, /tasks or /help." in shown


def test_python_m_bot_shell_runs_from_stdin(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'crm.db'}",
           "CRM_DEFAULT_TZ": "Asia/Shanghai", "SLACK_BOT_TOKEN": "xoxb-must-not-be-printed"}
    env.pop("CRM_CONFIG", None)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "shell"], cwd=tmp_path, env=env, timeout=120,
        input="/log 华为: 拜访了王总,需求明确,下周三下午两点再回访\n1\n/quit\n",
        capture_output=True, text=True, check=True)
    # A rep who writes Chinese is answered in Chinese.
    assert "已记录 — 华为" in result.stdout and "周三 14:00（Asia/Shanghai）" in result.stdout
    assert "新建“华为”" in result.stdout
    assert "must-not-be-printed" not in result.stdout + result.stderr
    assert (tmp_path / "crm.db").exists()


def test_a_second_session_on_the_same_database_logs_new_messages(tmp_path: Path) -> None:
    first = _run(tmp_path, ["Acme Corp: call back tomorrow"])
    second = _run(tmp_path, ["Acme Corp: call back tomorrow"])
    assert "Which customer" in first and "Which customer" in second
    assert "Already logged" not in second


NEW_ACME = ["company", "Acme Corp", "Machinery", "200 staff", "", "Li Lei", "Buyer",
            "+86 138 0000 0000", "", "20 seats", "Trade show", "2026-11-20", "urgent, 制造业",
            "", "", ""]  # the key dates: birthday, anniversary, renewal


def test_new_customer_form_then_a_look_alike_is_warned_about(tmp_path: Path) -> None:
    shown = _run(tmp_path, [
        "/customer new", *NEW_ACME,
        "/customer new Acme SZ",
        "company", "", "Machinery", "200", "", "Li", "Buyer", "86 138 0000 0000", "", "seats",
        "trade_show", "2026-11-21", "", "", "", "",
        "/cancel",
        "12",  # Open file (Acme Corp) from the warning
        "5",  # Stage: negotiating, on the card posted when it was created
        "/customers tag:URGENT",
    ])
    assert "[form] New customer" in shown and "Created Acme Corp; you own it." in shown
    assert "Kind (Company | Person) []" in shown  # a menu shows its labels, as in Slack
    assert "[1] Edit  Stage: [2] inquiry" in shown and "[5] negotiating" in shown
    assert "This looks like a customer you already have." in shown
    assert "Acme Corp has the same phone number" in shown and "[12] Open file" in shown
    assert "Industry: Machinery" in shown and "1 customer" in shown
    assert "Stage: — → negotiating" in shown


def test_a_lead_posts_the_review_and_the_shell_shows_the_channel_and_its_thread(
        tmp_path: Path) -> None:
    out = io.StringIO()
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'shell.db'}",
                        default_tz="Europe/Berlin")
    directory = parse_directory("teams:\n  - name: East\n    channel: C0EAST\n"
                                "    lead: U0SHELL\n    members: [U0REP]\n"
                                "    timezone: Europe/Berlin\n")
    lines = ["/review", "/review"]
    assert run_shell(settings, directory, user_id="U0SHELL",
                     stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out) == 0
    shown = out.getvalue()
    assert "[bot in #C0EAST]" in shown and "Nightly review: East" in shown
    assert "[bot in #C0EAST (thread)]" in shown and "<@U0REP>'s deals" in shown
    # The second /review only links to it (the channel may also get this week's report).
    assert shown.count("Nightly review: East") == 1
    assert "is already" in shown


def test_edit_button_opens_the_file_as_a_form_and_saves_it(tmp_path: Path) -> None:
    shown = _run(tmp_path, [
        "/customer new", *NEW_ACME,
        "1",  # Edit, under the card posted when it was created
        "", "", "Robotics", *[""] * 13,  # kind, name, industry, ... tags, the key dates
        "B", "", "A",  # tier, stage, likelihood
        "/customer Acme Corp history",
    ])
    assert "[form] Edit customer" in shown and "Value tier (A · ≥ 500,000 a year | " in shown
    assert "Saved." in shown and "Industry: Robotics" in shown and "Likelihood A" in shown
    assert "Industry: Machinery → Robotics, by <@U0SHELL>" in shown
    # the time of a change is Slack's date token; a terminal shows its fallback, in the zone
    history = shown.split("History (newest first)")[1]
    assert "<!date" not in shown and re.search(r"by <@U0SHELL>, \d{1,2} \w{3} \d\d:\d\d\n",
                                              history)
    assert "Likelihood: — → A" in shown and "likelihood:" not in shown


EAST_ON_DUTY = ("teams:\n  - name: East\n    channel: C0EAST\n    lead: U0LEAD\n"
                "    members: [U0REP, U0REP2]\n    timezone: Europe/Berlin\n"
                "    duty:\n      rotation: [U0REP2]\n")


def test_as_switches_who_you_are_and_the_banner_and_help_say_how(tmp_path: Path) -> None:
    shown = _run(tmp_path, [
        "/log Acme Corp: call back tomorrow 10am", "1",  # Create "Acme Corp"
        "/tasks",
        "/as bob",
        "/as U0LEAD",
        "/tasks",
    ], config=EAST_ON_DUTY, user="U0REP")
    banner, _, rest = shown.partition("\n")
    assert banner.startswith("Follow-up bot shell — you are U0REP (member of East)")
    assert "Act as someone else with /as U0REP2 (or start with --user U0REP2)." in rest
    assert "/as U0REP2             act as another person" in rest  # the help
    assert "Your open tasks: 1" in shown
    assert "give their Slack user ID: /as U0REP2" in shown  # `bob` is not an ID
    assert "You are now U0LEAD (lead of East)." in shown
    assert "Your open tasks: none" in shown.split("You are now U0LEAD")[1]


def test_a_message_for_someone_else_is_labelled_with_its_recipient(tmp_path: Path) -> None:
    shown = _run(tmp_path, [
        "/complaint Acme Corp: the machine broke again",  # paged to U0REP2, on duty
        "/as U0REP2",
        "/complaint Initech: the screen broke",
    ], config=EAST_ON_DUTY, user="U0REP")
    as_rep, _, as_duty = shown.partition("You are now U0REP2")
    assert "[bot → to @U0REP2 (DM)]\n  New complaint for you" in as_rep
    assert "[bot]\n  New complaint for you" in as_duty  # now it is yours: no label
    assert "→ to @" not in as_duty


def test_a_10_kib_line_typed_on_a_terminal_is_read_whole(tmp_path: Path) -> None:
    # A terminal in canonical mode keeps 4,095 characters of a line: the follow-up at the
    # end of a long paste was lost. The shell runs on a real pseudo-terminal here.
    words = " ".join(f"word{i}" for i in range(1400))
    line = f"/log Acme Corp: called Li, {words}. Send quote by Friday 3pm\n"
    assert len(line) > 10 * 1024
    shown = _on_a_terminal(tmp_path, "dumb", [(line, '[1] Create "Acme Corp"'),
                                              ("1\n", "[3] Edit")])
    assert "Logged — Acme Corp" in shown
    assert "Next: Send quote by Friday 3pm — Fri, " in shown


def test_a_pasted_log_of_several_lines_is_one_message(tmp_path: Path) -> None:
    # The terminal marks a paste (bracketed paste); its newlines do not send it line by line.
    paste = "\x1b[200~Acme Corp: called Li\nwants a quote\nSend quote by Friday 3pm\x1b[201~\n"
    shown = _on_a_terminal(tmp_path, "xterm", [(paste, '[1] Create "Acme Corp"'),
                                               ("1\n", "[3] Edit")])
    assert "\x1b[?2004h" in shown  # the shell asks the terminal to mark pastes
    assert ">called Li wants a quote" in shown  # one log holds all three lines
    assert "Next: Send quote by Friday 3pm — Fri, " in shown


def _on_a_terminal(tmp_path: Path, term: str, steps: list[tuple[str, str]]) -> str:
    """`python -m bot shell` on a pseudo-terminal: type each input once the prompt is back,
    wait for what it should show, then /quit; everything the terminal showed."""
    master, slave = pty.openpty()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'crm.db'}",
           "CRM_DEFAULT_TZ": "Europe/Berlin", "TERM": term}
    bot = subprocess.Popen([sys.executable, "-m", "bot", "shell"], stdin=slave,
                           stdout=slave, stderr=slave, cwd=tmp_path, env=env,
                           start_new_session=True)
    os.close(slave)
    screen = _Drain(master)
    try:
        screen.wait_for("you> ")
        for typed, expected in steps:
            os.write(master, typed.encode())
            screen.wait_for(expected)
        os.write(master, b"/quit\n")
        assert bot.wait(timeout=60) == 0
    finally:
        if bot.poll() is None:
            bot.kill()
        screen.close()
    return screen.text


class _Drain:
    """Reads a pseudo-terminal's output as it comes (a full one would stop the shell)."""

    def __init__(self, master: int) -> None:
        self.master, self.data = master, bytearray()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the shell has exited and closed its side
                return
            if not chunk:
                return
            self.data.extend(chunk)

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")

    def wait_for(self, needle: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.text:
            assert time.monotonic() < deadline, f"never shown: {needle!r}\n{self.text[-2000:]}"
            time.sleep(0.05)

    def close(self) -> None:
        os.close(self.master)
        self.thread.join(timeout=10)
