"""Uploads: the information request's files and the shared reader of table files."""
