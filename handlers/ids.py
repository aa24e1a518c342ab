"""Every slash command, action_id and callback_id the bot uses (checked against manifest.yml)."""

from __future__ import annotations

COMMAND_LOG = "/log"
COMMAND_TASKS = "/tasks"
COMMAND_CUSTOMER = "/customer"
COMMAND_TEAM = "/team"
COMMAND_CUSTOMERS = "/customers"
COMMAND_REVIEW = "/review"
COMMAND_COMPLAINT = "/complaint"
COMMAND_ONCALL = "/oncall"
COMMAND_COMPLAINTS = "/complaints"
COMMAND_SETTINGS = "/settings"
COMMAND_REVISIT = "/revisit"
COMMAND_POOL = "/pool"
COMMAND_HANDOVER = "/handover"
COMMAND_STATS = "/stats"
COMMANDS = (COMMAND_LOG, COMMAND_TASKS, COMMAND_CUSTOMER, COMMAND_TEAM, COMMAND_CUSTOMERS,
            COMMAND_REVIEW, COMMAND_COMPLAINT, COMMAND_ONCALL, COMMAND_COMPLAINTS,
            COMMAND_SETTINGS, COMMAND_REVISIT, COMMAND_POOL, COMMAND_HANDOVER, COMMAND_STATS)

LOG_UNDO = "log_undo"
LOG_EDIT = "log_edit"
LOG_CREATE_CUSTOMER = "log_create_customer"
LOG_PICK_CUSTOMER = "log_pick_customer"
LOG_USE_ALTERNATIVE = "log_use_alternative"
LOG_ASK_SHARE = "log_ask_share"  # a log held for another team's customer: ask its owner
LOG_SHARE = "log_share"  # the owner's answer
LOG_DECLINE_SHARE = "log_decline_share"
LOG_RAISE_COMPLAINT = "log_raise_complaint"  # under a log that reads as a complaint
TASK_DONE = "task_done"
TASK_SNOOZE_1H = "task_snooze_1h"
TASK_SNOOZE_TOMORROW = "task_snooze_tomorrow"
TASK_SNOOZE_NEXT_WEEK = "task_snooze_next_week"
TASK_RESCHEDULE = "task_reschedule"
REVIEW_OPEN_CUSTOMER = "review_open_customer"
CUSTOMER_OPEN = "customer_open"
CUSTOMER_EDIT = "customer_edit"
CUSTOMER_STAGE = "customer_stage"  # a menu on the card; option values are "<id>:<stage>"
CUSTOMER_LIKELIHOOD = "customer_likelihood"
COMPLAINT_ACK = "complaint_ack"
COMPLAINT_RESOLVE = "complaint_resolve"
COMPLAINT_REASSIGN = "complaint_reassign"
COMPLAINT_CATEGORY = "complaint_category"
COMPLAINT_PRIORITY = "complaint_priority"
COMPLAINT_SATISFIED = "complaint_satisfied"
COMPLAINT_NOT_SATISFIED = "complaint_not_satisfied"
# Under a revisit's task: "Reached" is a menu of the score (option values "<id>:<try>:<score>"),
# the other outcomes are buttons ("<id>:<try>").
REVISIT_SCORE = "revisit_score"
REVISIT_NO_ANSWER = "revisit_no_answer"
REVISIT_WRONG_NUMBER = "revisit_wrong_number"
REVISIT_CALL_BACK = "revisit_call_back"
REVISIT_RAISE_COMPLAINT = "revisit_raise_complaint"  # after a low score with a complaint reason
REVISIT_OUTCOMES = {REVISIT_NO_ANSWER: "no_answer", REVISIT_WRONG_NUMBER: "wrong_number",
                    REVISIT_CALL_BACK: "call_back"}
POOL_CLAIM = "pool_claim"  # a row of /pool
POOL_LOG = "pool_log"  # under a return warning
POOL_ASK_TIME = "pool_ask_time"  # under a return warning: ask the lead
POOL_GIVE_TIME = "pool_give_time"  # under the lead's request: a new term
# After a move to lost, and under a win-back task: the reason form ("<id>:move", "<id>:win_back").
LOSS_REASON = "loss_reason"
LOSS_MARK_LOST = "loss_mark_lost"  # a quiet customer proposed in the morning ("<proposal id>")
LOSS_STILL_ACTIVE = "loss_still_active"
CUSTOMER_ASSIGN = "customer_assign"  # a people menu on the card (leads, admins): reassign
HOME_MORE = "home_more"  # the Home tab: show more of one list
ACTIONS = (LOG_UNDO, LOG_EDIT, LOG_CREATE_CUSTOMER, LOG_PICK_CUSTOMER, LOG_USE_ALTERNATIVE,
           LOG_ASK_SHARE, LOG_SHARE, LOG_DECLINE_SHARE, LOG_RAISE_COMPLAINT,
           TASK_DONE, TASK_SNOOZE_1H, TASK_SNOOZE_TOMORROW, TASK_SNOOZE_NEXT_WEEK,
           TASK_RESCHEDULE, REVIEW_OPEN_CUSTOMER, CUSTOMER_OPEN, CUSTOMER_EDIT, CUSTOMER_STAGE,
           CUSTOMER_LIKELIHOOD, COMPLAINT_ACK, COMPLAINT_RESOLVE, COMPLAINT_REASSIGN,
           COMPLAINT_CATEGORY, COMPLAINT_PRIORITY, COMPLAINT_SATISFIED, COMPLAINT_NOT_SATISFIED,
           REVISIT_SCORE, REVISIT_NO_ANSWER, REVISIT_WRONG_NUMBER, REVISIT_CALL_BACK,
           REVISIT_RAISE_COMPLAINT, POOL_CLAIM, POOL_LOG, POOL_ASK_TIME, POOL_GIVE_TIME,
           LOSS_REASON, LOSS_MARK_LOST, LOSS_STILL_ACTIVE, CUSTOMER_ASSIGN, HOME_MORE)
CLASSIFY_MENUS = {CUSTOMER_STAGE: "stage", CUSTOMER_LIKELIHOOD: "likelihood"}
SNOOZE_CHOICE = {TASK_SNOOZE_1H: "1h", TASK_SNOOZE_TOMORROW: "tomorrow",
                 TASK_SNOOZE_NEXT_WEEK: "next_week"}

VIEW_EDIT_LOG = "log_edit_view"
VIEW_RESCHEDULE = "task_reschedule_view"
VIEW_CUSTOMER_NEW = "customer_new_view"
VIEW_CUSTOMER_CONFIRM = "customer_confirm_view"  # the New form again, under a duplicate warning
VIEW_CUSTOMER_EDIT = "customer_edit_view"
VIEW_COMPLAINT_REASSIGN = "complaint_reassign_view"
VIEW_COMPLAINT_RAISE = "complaint_raise_view"
VIEW_REVISIT_REASON = "revisit_reason_view"
VIEW_LOSS_REASON = "loss_reason_view"
VIEWS = (VIEW_EDIT_LOG, VIEW_RESCHEDULE, VIEW_CUSTOMER_NEW, VIEW_CUSTOMER_CONFIRM,
         VIEW_CUSTOMER_EDIT, VIEW_COMPLAINT_REASSIGN, VIEW_COMPLAINT_RAISE, VIEW_REVISIT_REASON,
         VIEW_LOSS_REASON)

# Message shortcuts (callback_id).
SHORTCUT_RAISE_COMPLAINT = "raise_complaint"
SHORTCUTS = (SHORTCUT_RAISE_COMPLAINT,)

# Block and input ids inside the modals (the keys of view.state.values).
FIELD_CUSTOMER = "customer"
FIELD_SUMMARY = "summary"
FIELD_NEXT_STEP = "next_step"
FIELD_WHEN = "when"
FIELD_OWNER = "owner"
FIELD_COMPLAINT_TEXT = "complaint_text"
FIELD_CATEGORY = "category"
FIELD_PRIORITY = "priority"
FIELD_REASON = "reason"
FIELD_REASON_TEXT = "reason_text"
