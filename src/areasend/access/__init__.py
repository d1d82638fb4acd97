"""Who may do what: the roles people hold, the capability table, and the one gate every page and
service asks. Plain Django, no models and no app of its own, so every app and the shared layout
can use it."""
