"""Messages the service sends: one place, one record of every message, no message sent twice."""
