"""Care and key dates: recorded from the form, the CSV import and logs; swept into yearly tasks."""
