"""Shared page furniture: the Jinja2 environment, the GOV.UK layout and the form adapter."""
