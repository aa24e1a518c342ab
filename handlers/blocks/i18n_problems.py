"""What cannot be used as given, by the code a rule or service names it with
(bot/domain/problems.py); counts and words chosen by a value are in handlers/blocks/problems.py."""

from __future__ import annotations

from bot.catalog import N_

PROBLEMS: dict[str, str] = {
    # A form answered before it is stored (handlers/views/)
    "form_expired": N_("This form has expired."),
    "choose_option": N_("Choose one of the options."),
    "say_when": N_("Say when, e.g. tomorrow 3pm."),
    "choose_owner": N_("Choose who should own it."),
    "say_customer": N_("Say which customer it is."),
    "say_what": N_("Say what happened."),
    # The customer file as a form (bot/domain/customer_form.py)
    "give_name": N_("Give the customer's name."),
    "choose_kind": N_("Choose company or person."),
    "choose_source": N_("Choose one of: {choices}."),
    "email_invalid": N_("“{typed}” is not an e-mail address."),
    "phone_invalid": N_("“{typed}” is not a phone number."),
    "care_day": N_("A date written YYYY-MM-DD (or MM-DD for every year), e.g. 2027-06-30 or "
                   "03-05."),
    "required_company": N_("Required for a company."),
    "required_person": N_("Required for a person."),
    "give_contact": N_("Give a phone number or an e-mail address."),
    "iso_date": N_("A date written YYYY-MM-DD, e.g. 2026-11-23."),
    # Tags (bot/domain/tags.py)
    "tag_characters": N_("Tag “{tag}” has {chars}: a tag holds letters, digits, spaces and "
                         "- _ . / & + only."),
    "tag_empty": N_("Tag “{tag}” has no letters or digits."),
    "no_tags": N_("No tags given: write +tag to add and -tag to remove."),
    # A filter (bot/domain/customer_filter.py)
    "not_a_filter": N_("`{word}` is not a filter; use tag:, stage:, likelihood:, tier: or "
                       "owner:."),
    "tag_needed": N_("tag: needs a tag, e.g. tag:urgent."),
    "given_twice": N_("{what} is given twice; a customer has one."),
    "owner_in_pool": N_("owner: does not apply to the pool."),
    # A CSV file's rows (bot/domain/customer_file.py, docs/customers-csv.md)
    "unknown_column": N_("Column “{column}” is not known (see docs/customers-csv.md)."),
    "same_column": N_("Columns “{first}” and “{second}” both mean {field}."),
    "no_name_column": N_("No “name” column (名称)."),
    "name_missing": N_("The name is missing."),
    "owner_missing": N_("The owner is missing (give the column or --owner)."),
    "owner_not_user": N_("Owner “{typed}” is not a Slack user id like U0123ABCD."),
    "stage_unknown": N_("Stage “{typed}” is not a stage (inquiry … won, after_sales, lost)."),
    "care_day_typed": N_("{field} “{typed}” is not a date written YYYY-MM-DD or MM-DD."),
    "date_typed": N_("{field} “{typed}” is not a date written YYYY-MM-DD."),
    # Saving a form after Slack's answer (bot/services/submits.py)
    "name_customer": N_("Name the customer."),
    "say_summary": N_("Say briefly what happened."),
    "time_unreadable": N_("I could not read a time in “{typed}”."),
    "time_unreadable_try": N_("I could not read a time in “{typed}”. Try “Friday 3pm”."),
    "another_team": N_("{name} is worked by another team. Log it by name and ask its owner "
                       "to share it with you."),
    "customer_gone": N_("This customer no longer exists."),
    "customer_refused": N_("Only the people who work this customer, their team lead and admins "
                           "can see it."),
    "contact_refused": N_("Only the owner, their team lead and admins can change phone and "
                          "e-mail."),
    "name_taken": N_("Another customer is called {name}."),
    # A revisit's or a loss's answer (bot/domain/revisit_outcomes.py, losses.py)
    "outcome_unknown": N_("That answer is not one I know."),
    "score_needs_reached": N_("A score and a reason are given only when the customer was "
                              "reached."),
    "reason_needs_score": N_("A reason belongs to a score."),
    "score_range": N_("The score is 1 to 5."),
    "reason_unknown": N_("“{typed}” is not one of the reasons configured."),
    "reason_needed": N_("A score of 1 to 3 needs a reason."),
    "other_needs_words": N_("The reason “other” needs a few words."),
    # The command line (bot/customer_csv.py)
    "cannot_read": N_("Cannot read {path}: {reason}"),
    "cannot_write": N_("Cannot write {path}: {reason}"),
    "not_utf8": N_("{path} is not UTF-8 (byte {byte}); in Excel save it as “CSV UTF-8”."),
    "empty_file": N_("{path} is empty: it needs a header row."),
    "csv_broken": N_("Line {line}: {reason}"),
    "schema_old": N_("The database is not at the newest schema: run `python -m bot migrate`."),
    "config": N_("The team file cannot be used: {reason}"),
    "workspace_not_team": N_("“{typed}” is not a Slack team id like T0123ABCD."),
}
# The name of a field or column a problem quotes (the form's own labels are
# bot/domain/customer_form.py LABELS).
FIELD_WORDS = {"owner": N_("Owner"), "stage": N_("Stage"), "email": N_("E-mail"),
               "name": N_("Name"), "phone": N_("Phone"), "kind": N_("Kind"),
               "source_channel": N_("Source channel"), "first_contact": N_("First contact")}
