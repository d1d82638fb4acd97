"""The local area partnership's self-evaluation: what it knows about its impact, how it knows, and what
it will do next, against each criterion, kept all year, signed off, and shared with an inspection."""
