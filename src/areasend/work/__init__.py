"""Your work: the page a person lands on after signing in, with what is theirs to do."""
