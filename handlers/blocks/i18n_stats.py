"""The team figures' words in English and Chinese (merged into the catalog in i18n.py)."""

from __future__ import annotations

STATS_EN: dict[str, str] = {
    "st_week": "this week", "st_month": "this month",
    "st_prev_week": "last week", "st_prev_month": "last month",
    "st_title": "*{who}*: {period} so far ({passed} of {total} working days), against {prev}",
    "st_team_who": "Team {team}",
    "st_nr": "not yet recorded", "st_pts": "{sign}{n} pts", "st_same": "no change",
    "st_line": "{label}: *{now}*  ·  {prev} {before}  ·  {change}",
    "st_snapshot": "{label}: *{now}*",
    "st_timeliness": "Follow-up timeliness", "st_overdue": "Overdue rate",
    "st_still_open": "{n} still open", "st_new_a": "New A deals",
    "st_conversion": "Conversion (won / qualified closed)", "st_churn": "Churn (lost / customers)",
    "st_aging": "A deals older than their week",
    "st_reach": "Revisit reach rate", "st_revisit_on_time": "Revisits done on time",
    "st_satisfaction": "Satisfaction rate (4-5 / rated)", "st_avg_score": "Average score",
    "st_dissatisfied": "Why dissatisfied", "st_loss_reasons": "Why lost",
    "st_resolution": "Complaint resolution rate",
    "st_ack": "Time to acknowledge (median / 90th pct)",
    "st_resolve": "Time to resolve (median / 90th pct)",
    "st_pool": "Pool: claims / returns (unworked) / reassigned in / out",
    "st_none": "none", "st_min": "{n} min", "st_h": "{n} h",
    "st_reps": "Each rep", "st_rep_line": "{person}: timeliness {timeliness}, overdue {overdue}, "
                                          "new A {new_a}, conversion {conversion}, "
                                          "revisits reached {reach}, complaints {complaints}",
    "st_more_reps": "…and {n} more: `/stats @rep` shows one.",
    "st_forbidden": "You can see your own figures (`/stats`), a lead their team's and each "
                    "rep's, an admin every team's. `/stats help` explains.",
    "st_which_team": "Which team? Say `/stats TEAM`; teams: {names}.",
    "st_all_teams": "All teams",
    "st_all_hint": "One team's figures and each of its reps: `/stats TEAM`.",
    "st_no_team": "You are not in a team yet, so there are no figures to show; ask an admin "
                  "to add you to one.",
    "st_alt": "Chart. Open deals by stage and likelihood: {pipeline}. Last {n} weeks ({weeks}): "
              "{series}.",
    "st_chart_title": "Team figures, {day}",
    "st_report_title": "Weekly report: {team}, {first} to {last}",
    "st_report_hint": "The chart is in this thread. `/stats` shows this week so far; every "
                      "figure is defined in docs/figures.md.",
    "hm_title": "Your day", "hm_none": "Nothing here.",
    "hm_overdue": "Overdue", "hm_upcoming": "Today and the next 7 days",
    "hm_revisits": "Revisits to make", "hm_a_deals": "Your A deals",
    "hm_complaints": "Open complaints you own",
    "hm_returning": "Prospects about to return to the pool",
    "hm_revisit": "{customer}: {step} revisit, due {due}",
    "hm_returning_line": "{customer}: protected until {until}",
    "hm_more": "{n} more", "hm_more_elsewhere": "…and {n} more (`/tasks`, `/revisit`).",
    "hm_late_reps": "Reps with overdue tasks",
    "hm_chart": "The team's latest chart",
    "hm_chart_alt": "The team's latest chart: open deals by stage and likelihood, and the "
                    "last 8 weeks' figures (the same figures are in words above).",
    "hm_cut": "…more than the Home tab holds: `/tasks` and `/stats` have it all.",
    "stats_usage_title": "How to use /stats",
    "stats_usage": (
        "*Team figures, this period against the last*\n"
        "• `/stats` — this week so far: yours (a rep), or your team's and each rep's (a lead)\n"
        "• `/stats month` — this month so far against last month\n"
        "• `/stats @sam` — one rep's (their lead, or an admin)\n"
        "• `/stats team` or `/stats East` — a team's (its lead, or an admin)\n"
        "• `/stats all` — every team, a line each (admins)\n"
        "Follow-up timeliness, overdue rate, new A deals, conversion, churn, A deals older "
        "than their week, revisits and satisfaction, complaints (median and 90th percentile "
        "times), pool claims and returns. Every figure is defined in docs/figures.md."),
}

STATS_ZH: dict[str, str] = {
    "st_week": "本周", "st_month": "本月", "st_prev_week": "上周", "st_prev_month": "上月",
    "st_title": "*{who}*：{period}至今（已过 {passed}/{total} 个工作日），对比{prev}",
    "st_team_who": "团队 {team}",
    "st_nr": "尚无记录", "st_pts": "{sign}{n} 个百分点", "st_same": "持平",
    "st_line": "{label}：*{now}*  ·  {prev} {before}  ·  {change}",
    "st_snapshot": "{label}：*{now}*",
    "st_timeliness": "跟进及时率", "st_overdue": "逾期率", "st_still_open": "{n} 个仍未完成",
    "st_new_a": "新增 A 类商机", "st_conversion": "转化率（成交 / 已确认需求的结案）",
    "st_churn": "流失率（流失 / 客户数）", "st_aging": "超过一周未签的 A 类商机",
    "st_reach": "回访接通率", "st_revisit_on_time": "回访按时完成率",
    "st_satisfaction": "满意率（4-5 分 / 已评分）", "st_avg_score": "平均分",
    "st_dissatisfied": "不满意原因", "st_loss_reasons": "流失原因",
    "st_resolution": "投诉解决率", "st_ack": "确认用时（中位数 / 90 分位）",
    "st_resolve": "解决用时（中位数 / 90 分位）",
    "st_pool": "公海：领取 / 退回（未跟进）/ 转入 / 转出",
    "st_none": "无", "st_min": "{n} 分钟", "st_h": "{n} 小时",
    "st_reps": "各销售", "st_rep_line": "{person}：及时率 {timeliness}，逾期率 {overdue}，"
                                      "新增 A {new_a}，转化率 {conversion}，"
                                      "回访接通 {reach}，投诉 {complaints}",
    "st_more_reps": "……另有 {n} 位：`/stats @某人` 查看单人。",
    "st_forbidden": "你可以查看自己的数据（`/stats`）；组长可看团队和每位销售的；管理员可看所有"
                    "团队的。`/stats 帮助` 有说明。",
    "st_which_team": "哪个团队？请输入 `/stats 团队名`；团队：{names}。",
    "st_all_teams": "所有团队",
    "st_all_hint": "查看单个团队及其每位销售：`/stats 团队名`。",
    "st_no_team": "你还不在任何团队中，暂无数据；请管理员把你加入团队。",
    "st_alt": "图表。进行中商机（按阶段和成交可能性）：{pipeline}。"
              "近 {n} 周（{weeks}）：{series}。",
    "st_chart_title": "团队数据，{day}",
    "st_report_title": "周报：{team}，{first} 至 {last}",
    "st_report_hint": "图表在本讨论串中。`/stats` 查看本周至今；各项定义见 docs/figures.md。",
    "hm_title": "我的今天", "hm_none": "暂无。",
    "hm_overdue": "逾期", "hm_upcoming": "今天和未来 7 天", "hm_revisits": "待做的回访",
    "hm_a_deals": "我的 A 类商机", "hm_complaints": "我负责的未结投诉",
    "hm_returning": "即将退回公海的客户",
    "hm_revisit": "{customer}：{step} 回访，{due} 到期",
    "hm_returning_line": "{customer}：保护期至 {until}",
    "hm_more": "另有 {n} 个", "hm_more_elsewhere": "……另有 {n} 个（`/tasks`、`/revisit`）。",
    "hm_late_reps": "有逾期任务的销售",
    "hm_chart": "团队最新图表",
    "hm_chart_alt": "团队最新图表：进行中商机（按阶段和成交可能性）及近 8 周数据"
                    "（上方有相同数据的文字版）。",
    "hm_cut": "……超出主页可显示的数量：`/tasks` 和 `/stats` 可查看全部。",
    "stats_usage_title": "/stats 用法",
    "stats_usage": (
        "*团队数据：本期对比上期*\n"
        "• `/stats` — 本周至今：销售看自己的；组长看团队和每位销售的\n"
        "• `/stats month` 或 `/stats 月` — 本月至今对比上月\n"
        "• `/stats @sam` — 某位销售的（其组长或管理员）\n"
        "• `/stats team`、`/stats 团队` 或 `/stats East` — 团队的（组长或管理员）\n"
        "• `/stats all` 或 `/stats 全部` — 所有团队，每队一行（管理员）\n"
        "跟进及时率、逾期率、新增 A 类商机、转化率、流失率、超过一周未签的 A 类商机、回访与满意度、"
        "投诉（用时取中位数和 90 分位）、公海领取与退回。每项定义见 docs/figures.md。"),
}
