"""Repositories: every query the services need, scoped to one workspace. They never commit."""

from store.repositories.changes import Changes, ClassificationChanges
from store.repositories.claims import Claims
from store.repositories.complaints import ComplaintClocks, Complaints, Duty
from store.repositories.customers import Customers
from store.repositories.file_gaps import FileGaps
from store.repositories.follow_ups import FollowUps
from store.repositories.inbox import Inbox
from store.repositories.notifications import Notifications
from store.repositories.people import People
from store.repositories.periodic import PeriodicRuns
from store.repositories.review_threads import ReviewThreads
from store.repositories.tasks import Tasks

__all__ = ["Changes", "Claims", "ClassificationChanges", "ComplaintClocks", "Complaints",
           "Customers", "Duty", "FileGaps", "FollowUps", "Inbox", "Notifications", "People",
           "PeriodicRuns", "ReviewThreads", "Tasks"]
