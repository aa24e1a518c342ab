"""The nightly pipeline review: building, posting and answering it."""
