"""`python -m bot import|export`: UTF-8 CSV files in and out, reports with line numbers."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, select

from bot.config import Settings
from bot.customer_csv import run_export, run_import
from store.aftersale_models import CustomerCareDate

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
CHINESE = """\ufeff客户名称,类型,电话,邮箱,来源,首次接触日期,负责人,标签,生日,续约
华为技术,公司,+86 755 2878 0808,,展会,2026-03-02,U0REP,通信；大客户,03-05,2027-06-30
李雷,个人,,lilei@example.com,转介绍,2026-04-01,,,2000-02-29,
"""


def _run(command, argv: list[str], db_url: str,
         locale: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = command(argv, Settings(database_url=db_url, terminal_locale=locale), NOW,
                   stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _file(tmp_path: Path, text: str, name: str = "in.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_chinese_file_with_a_bom_imports_and_round_trips_to_another_workspace(
        db_url: str, tmp_path: Path) -> None:
    code, out, _ = _run(run_import, [_file(tmp_path, CHINESE), "--workspace", "T0ONE",
                                     "--owner", "U0LEAD"], db_url)
    assert (code, out) == (0, "imported 2 customers into T0ONE, skipped 0\n")
    exported = tmp_path / "out.csv"
    assert _run(run_export, [str(exported), "--workspace", "T0ONE"], db_url)[0] == 0
    raw = exported.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfname,kind,")  # a BOM, for Excel
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].endswith(",tags,stage,birthday,anniversary,renewal")
    assert text.splitlines()[1:] == [
        "华为技术,company,,,,,,'+86 755 2878 0808,,,trade_show,2026-03-02,U0REP,大客户; 通信,,"
        "03-05,,2027-06-30",
        "李雷,person,,,,,,,lilei@example.com,,referral,2026-04-01,U0LEAD,,,2000-02-29,,"]
    assert "national_id" not in text
    code, out, _ = _run(run_import, [str(exported), "--workspace", "T0TWO"], db_url)
    assert (code, out) == (0, "imported 2 customers into T0TWO, skipped 0\n")
    again = tmp_path / "again.csv"
    _run(run_export, [str(again), "--workspace", "T0TWO"], db_url)
    assert again.read_bytes() == raw


def test_a_name_starting_like_a_formula_is_kept_as_typed_and_exported_as_text(
        db_url: str, tmp_path: Path) -> None:
    names = ["-2+3 Corp", "=SUM(A1) Ltd", "+86 Trading", "@home Co"]
    given = "name,kind\n" + "".join(f"{n},company\n" for n in names)
    code, out, _ = _run(run_import, [_file(tmp_path, given), "--workspace", "T0ONE",
                                     "--owner", "U0LEAD"], db_url)
    assert (code, out) == (0, "imported 4 customers into T0ONE, skipped 0\n")
    exported = tmp_path / "out.csv"
    assert _run(run_export, [str(exported), "--workspace", "T0ONE"], db_url)[0] == 0
    cells = {line.split(",")[0] for line in
             exported.read_text("utf-8-sig").splitlines()[1:]}
    assert cells == {"'" + n for n in names}  # a spreadsheet shows text, runs no formula
    assert _run(run_import, [str(exported), "--workspace", "T0TWO"], db_url)[0] == 0
    again = tmp_path / "again.csv"
    _run(run_export, [str(again), "--workspace", "T0TWO"], db_url)
    assert again.read_bytes() == exported.read_bytes()


def test_bad_rows_are_reported_by_line_and_skipped(db_url: str, tmp_path: Path) -> None:
    text = ("name,email,first_contact,owner\n"
            "Good One,a@good.example,2026-01-02,U0REP\n"
            "\n"
            "\"Two\nLines\",x,2026-01-02,U0REP\n"
            "Bad Date,,01/02/2026,U0REP\n"
            "Too Many,,,U0REP,extra\n"
            "Good Two,,,U0REP\n")
    code, out, _ = _run(run_import, [_file(tmp_path, text), "--workspace", "T0ONE"], db_url)
    assert code == 1
    assert out.splitlines() == [
        "imported 2 customers into T0ONE, skipped 3",
        "line 4: “x” is not an e-mail address.",
        "line 6: First contact “01/02/2026” is not a date written YYYY-MM-DD.",
        "line 7: 5 values but the header has 4 columns.",
    ]
    exported = tmp_path / "out.csv"
    _run(run_export, [str(exported), "--workspace", "T0ONE"], db_url)
    names = [line.split(",")[0] for line in exported.read_text("utf-8-sig").splitlines()[1:]]
    assert names == ["Good One", "Good Two"]


def test_duplicates_are_skipped_and_a_second_import_imports_nothing(db_url: str,
                                                                     tmp_path: Path) -> None:
    path = _file(tmp_path, CHINESE)
    assert _run(run_import, [path, "--workspace", "T0ONE", "--owner", "U0LEAD"], db_url)[0] == 0
    code, out, _ = _run(run_import, [path, "--workspace", "T0ONE", "--owner", "U0LEAD"], db_url)
    assert code == 1 and out.splitlines() == [
        "imported 0 customers into T0ONE, skipped 2",
        "line 2: Duplicate: “华为技术” has the same name; not imported.",
        "line 3: Duplicate: “李雷” has the same name; not imported.",
    ]


def test_usage_errors_exit_2_and_import_nothing(db_url: str, tmp_path: Path) -> None:
    good = _file(tmp_path, CHINESE)
    cases = [
        ([good], "--workspace"),
        ([good, "--workspace", "acme"], "not a Slack team id"),
        ([good, "--workspace", "T0ONE", "--owner", "bob"],
         "Owner “bob” is not a Slack user id"),
        ([str(tmp_path / "missing.csv"), "--workspace", "T0ONE"], "Cannot read"),
        ([_file(tmp_path, "name,colour\nAcme,red\n", "c.csv"), "--workspace", "T0ONE"],
         "Column “colour” is not known"),
        ([_file(tmp_path, "", "e.csv"), "--workspace", "T0ONE"], "is empty"),
    ]
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("name\n华为\n".encode("gbk"))
    cases.append(([str(gbk), "--workspace", "T0ONE"], "is not UTF-8"))
    for argv, message in cases:
        code, _, err = _run(run_import, argv, db_url)
        assert code == 2 and message in err, (argv, err)
    exported = tmp_path / "out.csv"
    assert _run(run_export, [str(exported), "--workspace", "T0ONE"], db_url)[0] == 0
    assert exported.read_text("utf-8-sig").count("\n") == 1  # the header only


def test_an_unmigrated_database_is_a_usage_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    code, _, err = _run(run_import, [_file(tmp_path, CHINESE), "--workspace", "T0ONE"], url)
    assert code == 2 and "python -m bot migrate" in err


def test_python_m_bot_import_and_export(tmp_path: Path, monkeypatch, capsys) -> None:
    from bot.__main__ import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'crm.db'}")
    monkeypatch.delenv("CRM_CONFIG", raising=False)
    monkeypatch.delenv("CRM_ENCRYPTION_KEYS", raising=False)
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # the terminal's language: English
    assert main(["migrate"]) == 0
    path = _file(tmp_path, CHINESE)
    assert main(["import", path, "--workspace", "T0ONE", "--owner", "U0LEAD"]) == 0
    assert main(["export", str(tmp_path / "out.csv"), "--workspace", "T0ONE"]) == 0
    assert "exported 2 customers of T0ONE" in capsys.readouterr().out


def test_the_documented_example_imports_and_exports_as_documented(db_url: str,
                                                                  tmp_path: Path) -> None:
    doc = (Path(__file__).parents[2] / "docs" / "customers-csv.md").read_text("utf-8")
    blocks = [b.split("```", 1)[0] for b in doc.split("```csv\n")[1:]]
    given, exported_doc = blocks[0], blocks[1]
    code, _, _ = _run(run_import, [_file(tmp_path, given), "--workspace", "T0ONE",
                                   "--owner", "U0LEAD"], db_url)
    assert code == 0
    out = tmp_path / "out.csv"
    _run(run_export, [str(out), "--workspace", "T0ONE"], db_url)
    assert out.read_text("utf-8-sig").replace("\r\n", "\n") == exported_doc


def test_key_dates_are_imported_with_their_next_look_and_a_bad_one_skips_its_row(
        db_url: str, tmp_path: Path) -> None:
    given = ("name,kind,birthday,anniversary,renewal\n"
             "Acme,company,03-05,2001-09-30,2027-01-10\n"
             "Globex,company,02-30,,\n")
    code, out, _ = _run(run_import, [_file(tmp_path, given), "--workspace", "T0ONE",
                                     "--owner", "U0LEAD"], db_url)
    assert code == 1 and out.startswith("imported 1 customer into T0ONE, skipped 1")
    assert "Contact's birthday “02-30” is not a date" in out
    engine = create_engine(db_url)
    with engine.connect() as db:
        rows = db.execute(select(CustomerCareDate.kind, CustomerCareDate.month,
                                 CustomerCareDate.day, CustomerCareDate.year,
                                 CustomerCareDate.source, CustomerCareDate.check_at)
                          .order_by(CustomerCareDate.kind)).all()
    engine.dispose()
    assert [r[:5] for r in rows] == [("anniversary", 9, 30, 2001, "import"),
                                     ("birthday", 3, 5, None, "import"),
                                     ("renewal", 1, 10, 2027, "import")]
    assert all(r[5] is not None for r in rows)  # the sweep finds each through its index


def test_a_named_date_of_the_team_is_a_column_in_and_out(db_url: str, tmp_path: Path) -> None:
    config = tmp_path / "crm.yml"
    config.write_text("care:\n  named: [Spring Festival visit]\n", encoding="utf-8")
    settings = Settings(database_url=db_url, config_path=config)
    given = "name,named: Spring Festival visit\nAcme,01-20\n"
    out, err = io.StringIO(), io.StringIO()
    assert run_import([_file(tmp_path, given), "--workspace", "T0ONE", "--owner", "U0LEAD"],
                      settings, NOW, stdout=out, stderr=err) == 0
    exported = tmp_path / "out.csv"
    assert run_export([str(exported), "--workspace", "T0ONE"], settings, NOW,
                      stdout=out, stderr=err) == 0
    header, row = exported.read_text("utf-8-sig").splitlines()
    assert header.endswith(",renewal,named:Spring Festival visit")
    assert row.startswith("Acme,") and row.endswith(",01-20")


def test_the_report_and_usage_errors_are_in_the_importers_language(db_url: str,
                                                                   tmp_path: Path) -> None:
    text = ("客户名称,邮箱,首次接触日期,负责人,阶段\n"
            "好客户,a@good.example,2026-01-02,U0REP,\n"
            "坏邮箱,x,2026-01-02,U0REP,\n"
            "坏日期,,01/02/2026,bob,maybe\n"
            "太多,,,U0REP,,多余\n")
    code, out, _ = _run(run_import, [_file(tmp_path, text), "--workspace", "T0ONE"], db_url,
                        locale="zh_CN")
    assert code == 1
    assert out.splitlines() == [
        "已导入 1 个客户到 T0ONE，跳过 3 行",
        "第 3 行：“x”不是邮箱地址。",
        "第 4 行：首次接触“01/02/2026”不是 YYYY-MM-DD 格式的日期。",
        "第 4 行：负责人“bob”不是 Slack 用户 ID（形如 U0123ABCD）。",
        "第 4 行：阶段“maybe”不是有效阶段（询价 … 成交、售后、流失）。",
        "第 5 行：有 6 个值，但表头只有 5 列。",
    ]
    code, out, _ = _run(run_import, [_file(tmp_path, text), "--workspace", "T0ONE"], db_url,
                        locale="zh_CN")
    assert "第 2 行：重复：“好客户”的名称相同；未导入。" in out.splitlines()
    cases = [
        ([_file(tmp_path, "名称,颜色\n华为,红\n", "c.csv"), "--workspace", "T0ONE"],
         "错误：无法识别列“颜色”（见 docs/customers-csv.md）。"),
        ([str(tmp_path / "missing.csv"), "--workspace", "T0ONE"], "错误：无法读取"),
        ([_file(tmp_path, text), "--workspace", "acme"], "“acme”不是 Slack 团队 ID"),
    ]
    for argv, message in cases:
        code, _, err = _run(run_import, argv, db_url, locale="zh_CN")
        assert code == 2 and message in err, err
    code, out, _ = _run(run_export, [str(tmp_path / "out.csv"), "--workspace", "T0ONE"],
                        db_url, locale="zh_CN.UTF-8")
    assert (code, out) == (0, f"已将 T0ONE 的 1 个客户导出到 {tmp_path / 'out.csv'}\n")
