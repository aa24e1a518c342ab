"""Customers: the file, creating, editing, tagging, listing, importing and matching them."""
