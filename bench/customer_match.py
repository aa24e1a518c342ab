"""Which customer a log is about, as the workspace grows: the matching index (the keys of a
log's words probe customer_match_keys, only the candidates are loaded and ranked) beside
today's way before it (every name of the workspace loaded, scanned and ranked with
rapidfuzz), measured in the same run on the same data and logs.

    .venv/bin/python bench/customer_match.py [--db sqlite|postgresql] [--customers 1000,10000]

Seeds one workspace with N company names crowded the way real lists are: English and
Chinese brands in families (one brand, many industries, regions and subsidiaries, all with
the usual suffixes), half with a contact person. Then reads 300 logs (the customer in full,
lower-cased without its suffix, a new sibling of a known brand, a typo, a contact alone, in
English and Chinese), each in its own unit of work, and prints p50/p99 per log and how many
verdicts were the expected one. It also times a name looked up on its own — the card's and a
complaint's "did you mean" (`named_like`, then ranked) — for the name each log gives.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz import fuzz, process  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402

from bot.domain.customer_match import CustomerMatch, match_customer  # noqa: E402
from bot.domain.customers import closest, name_key  # noqa: E402
from bot.domain.name_keys import core  # noqa: E402
from bot.domain.parsing.customer import fold, name_given  # noqa: E402
from bot.services.customers.match import candidates_for, named_like  # noqa: E402
from store.engine import make_engine, make_session_factory  # noqa: E402
from store.match_index import rebuild  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from store.models import Customer  # noqa: E402
from store.uow import UnitOfWork  # noqa: E402
from tests.support.databases import PostgresServer  # noqa: E402

NOW = datetime(2026, 12, 3, tzinfo=UTC)
WS = "T1"
_EN_BRANDS = (
    "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Cyberdyne", "Soylent", "Tyrell",
    "Hooli", "Vandelay", "Wonka", "Oscorp", "Massive", "Dynamic", "Aperture", "Virtucon",
    "Gringotts", "Monarch", "Nakatomi", "Weyland", "Sterling", "Pinnacle", "Summit", "Apex",
    "Vertex", "Horizon", "Evergreen", "Bluewater", "Redwood", "Ironclad", "Northwind",
    "Contoso", "Fabrikam", "Litware", "Tailspin", "Adatum", "Proseware", "Lucerne", "Wingtip",
    "Tencent", "Alibaba", "Baidu", "Lenovo", "Haier", "Midea", "Huawei", "Xiaomi", "Sinopec",
    "Cosco"
)
_SYLLABLES = "ka lo mi ra ten vo zen qua bel dor fin gra hal jun kel mar nor pel ros sun tor vin"
_EN_TRADES = (
    "Logistics", "Foods", "Retail", "Labs", "Health", "Energy", "Capital", "Media", "Robotics",
    "Textiles", "Pharma", "Mining", "Travel", "Insurance", "Security", "Cloud", "Music",
    "Software", "Systems", "Solutions", "Motors", "Foods", "Chemicals", "Logistics",
    "Consulting", "Analytics", "Payments", "Devices", "Networks"
)
_EN_PLACES = ("", "", "", "Asia", "Europe", "North America", "(Shanghai)", "HK", "UK")
_EN_SUFFIXES = ("", "Inc", "Ltd", "Corp", "Co., Ltd.", "LLC", "Group", "GmbH", "Holdings")
_ZH_BRANDS = (
    "华为", "顺丰", "阿里", "腾讯", "京东", "美团", "百度", "小米", "比亚迪",
    "海尔", "美的", "格力", "联想", "中兴", "万科", "招商", "平安", "国泰",
    "长城", "东方", "新希望", "光明", "蒙牛", "伊利", "三一", "徐工", "宁德",
    "隆基", "恒瑞", "药明"
)
_ZH_CHARS = "华顺阿腾京美百小海格联中万招平国长东新光蒙伊三徐宁隆恒药明星辰宇宏盛泰康瑞丰达信"
_ZH_TRADES = (
    "科技", "物流", "终端", "云", "数字", "软件", "医疗", "能源", "金融",
    "汽车", "地产", "电子", "智能", "网络", "食品", "化工", "同城", "速运",
    "通信", "数据"
)
_ZH_PLACES = ("", "", "上海", "北京", "深圳", "(中国)", "杭州")
_ZH_SUFFIXES = ("", "有限公司", "集团", "股份有限公司", "公司")
_SURNAMES = (
    "Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Smith",
    "Garcia", "Müller", "Tanaka"
)
_GIVEN = (
    "Wei", "Min", "Jing", "Lei", "Fang", "Anna", "David", "Maria", "James", "Yuki", "Peter",
    "Chen", "Hui", "Na"
)
_ZH_PEOPLE = ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "赵军", "黄芳", "周杰", "吴霞"]


def company_names(n: int, rng: random.Random) -> list[tuple[str, str | None]]:
    """N distinct (name, contact) rows: brands in crowded families, EN and ZH."""
    brands_en = list(_EN_BRANDS) + [
        "".join(rng.choice(_SYLLABLES.split()) for _ in range(rng.choice((2, 3)))).title()
        for _ in range(max(50, n // 40))]
    brands_zh = list(_ZH_BRANDS) + [
        "".join(rng.choice(_ZH_CHARS) for _ in range(2)) for _ in range(max(30, n // 60))]
    seen: set[str] = set()
    rows: list[tuple[str, str | None]] = []
    while len(rows) < n:
        if rng.random() < 0.6:
            parts = [rng.choice(brands_en), rng.choice(_EN_TRADES), rng.choice(_EN_PLACES),
                     rng.choice(_EN_SUFFIXES)]
            name = " ".join(p for p in parts if p)
            contact = f"{rng.choice(_SURNAMES)} {rng.choice(_GIVEN)}"
        else:
            name = (rng.choice(_ZH_PLACES) + rng.choice(brands_zh) + rng.choice(_ZH_TRADES)
                    + rng.choice(_ZH_SUFFIXES))
            contact = rng.choice(_ZH_PEOPLE)
        key = core(name)
        if key in seen:
            continue
        seen.add(key)
        rows.append((name, contact if rng.random() < 0.5 else None))
    return rows


def sample_logs(rows: Sequence[tuple[str, str | None]], rng: random.Random, n: int
                ) -> list[tuple[str, str, str | None]]:
    """(text, expected kind, expected name) logs about this workspace."""
    cores = {core(name) for name, _ in rows}
    logs: list[tuple[str, str, str | None]] = []
    while len(logs) < n:
        name, contact = rng.choice(rows)
        shape = len(logs) % 5
        if shape == 0:
            logs.append((f"{name}: send the quote by Friday 3pm", "existing", name))
        elif shape == 1:
            logs.append((f"拜访了{name}, 下周再联系" if re.match(r"[\u4e00-\u9fff]", name)
                         else f"{core(name)} signed the contract today!", "existing", name))
        elif shape == 2:
            for _ in range(20):  # a sibling the list does not have yet
                sibling = re.sub(r"^(\S+)\s.*$", lambda m: m.group(1) + " " + rng.choice(
                    ("Aerospace", "Biotech", "Ventures", "Gaming")), name)
                if sibling != name and core(sibling) not in cores:
                    logs.append((f"{sibling}: intro call, send the deck by Monday", "new",
                                 sibling))
                    break
        elif shape == 3 and contact and " " in contact:
            logs.append((f"called {contact}, he wants a demo next week", "contact", name))
        elif shape == 4:
            logs.append((f"{name} 投诉发票开错了, 客户很生气", "existing", name))
    return logs


def baseline(text: str, typed: str | None, names: Sequence[tuple[int, str, str]]) -> object:
    """Today's way before the index: every name scanned in the text, then ranked."""
    folded = fold(text)
    hits = [n for _, n, _ in names if fold(n) and fold(n) in folded]
    keys = [k for _, _, k in names]
    close = process.extract(name_key(typed or text[:60]), keys, scorer=fuzz.WRatio, limit=3,
                            score_cutoff=60)
    return hits, close


def seed(url: str, rows: Sequence[tuple[str, str | None]]) -> tuple[Callable[[], UnitOfWork],
                                                                    float]:
    engine = make_engine(url)
    upgrade(engine)
    with engine.begin() as c:
        c.execute(insert(Customer), [dict(
            workspace_id=WS, name=name, name_key=name_key(name), owner_id="U1", created_by="U1",
            created_at=NOW, contact_person=contact) for name, contact in rows])
    start = time.perf_counter()
    with engine.begin() as c:  # a bulk load goes around the session: index it in one go
        rebuild(c, WS)
    took = time.perf_counter() - start
    # A database that has been running has its tables vacuumed and analysed; straight after a
    # bulk load PostgreSQL's autovacuum would work through a million fresh index rows during
    # the measurement, and its index-only scans would visit the heap for every row.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"))
    factory = make_session_factory(engine)
    return (lambda: UnitOfWork(factory)), took


def expected(found: CustomerMatch, kind: str, name: str | None,
             sharing: dict[str, set[str]]) -> bool:
    """The verdict the log calls for; a contact of one customer attaches it, one many
    customers share is right when it offers only customers of theirs (the rep picks); a
    name written without its suffix that starts a longer customer's name is asked about
    (docs/customers.md, rule 1)."""
    if kind == "existing" and found.kind == "ambiguous" and name in found.candidates:
        return all(core(c).split()[:len(core(name).split())] == core(name).split()
                   for c in found.candidates)
    if kind == "contact":
        theirs = sharing.get(found.contact or "", set())
        if len(theirs) == 1:
            return found.kind == "existing" and found.name == name
        return (found.kind == "ambiguous" and bool(found.candidates)
                and set(found.candidates) <= theirs
                and (name in found.candidates or len(theirs) > len(found.candidates)))
    return found.kind == kind and found.name == name


def measure(uow: Callable[[], UnitOfWork], logs: Sequence[tuple[str, str, str | None]],
            sharing: dict[str, set[str]]
            ) -> tuple[list[float], list[float], list[float], list[float], list[float], int]:
    """Per log: wall time with the index, the same in this thread's CPU time (on a shared
    machine the wall clock also counts the time other processes held the cores), the wall
    time of a name looked up on its own, of a bare `SELECT 1` (the floor any statement pays
    on this machine at this moment: a busy machine's waits show there too), and of the old
    way."""
    indexed, cpu, named, floor, scanned, right = [], [], [], [], [], 0
    for body, kind, name in logs:
        typed, guessed = name_given(body)
        with uow() as u:
            start, start_cpu = time.perf_counter(), time.thread_time()
            found = match_customer(body, typed, [k for _, k in candidates_for(u, WS, body)],
                                   guessed=guessed)
            indexed.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - start_cpu) * 1000)
        right += expected(found, kind, name, sharing)
        with uow() as u:  # the card's and the complaint's "did you mean"
            start = time.perf_counter()
            closest(typed or name or body[:40], named_like(u, WS, typed or name or body[:40]))
            named.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            u.session.execute(text("SELECT 1"))
            floor.append((time.perf_counter() - start) * 1000)
        with uow() as u:
            start = time.perf_counter()
            baseline(body, typed, u.customers.names(WS))
            scanned.append((time.perf_counter() - start) * 1000)
    return indexed, cpu, named, floor, scanned, right


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--customers", default="1000,10000,100000")
    parser.add_argument("--logs", type=int, default=300)
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    print("| database | customers | index build s | index p50 / p99 ms | index CPU p50 / p99 ms "
          "| name look-up p50 / p99 ms | SELECT 1 p50 / p99 ms "
          "| load all + rapidfuzz p50 / p99 ms | verdict as expected |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for n in (int(x) for x in args.customers.split(",")):
        rng = random.Random(n)
        rows = company_names(n, rng)
        logs = sample_logs(rows, rng, args.logs)
        with tempfile.TemporaryDirectory() as tmp:
            server = PostgresServer(args.pg_url) if args.db == "postgresql" else None
            if server is not None:
                server.create()
            url = server.url if server is not None else f"sqlite:///{tmp}/bench.db"
            try:
                uow, build = seed(url, rows)
                sharing: dict[str, set[str]] = {}
                for customer, contact in rows:
                    sharing.setdefault(contact or "", set()).add(customer)
                measure(uow, logs[:20], sharing)  # warm the caches and the connection pool
                indexed, cpu, named, floor, scanned, right = measure(uow, logs, sharing)
                print(f"| {args.db} | {n:,} | {build:.1f} | {_p(indexed, 50):.2f} / "
                      f"{_p(indexed, 99):.2f} | {_p(cpu, 50):.2f} / {_p(cpu, 99):.2f} "
                      f"| {_p(named, 50):.2f} / {_p(named, 99):.2f} "
                      f"| {_p(floor, 50):.2f} / {_p(floor, 99):.2f} "
                      f"| {_p(scanned, 50):.1f} / {_p(scanned, 99):.1f} "
                      f"| {right}/{len(logs)} |", flush=True)
            finally:
                if server is not None:
                    server.drop()


if __name__ == "__main__":
    main()
