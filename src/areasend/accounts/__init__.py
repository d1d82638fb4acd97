"""Users, roles, object permissions and the audit trail."""
