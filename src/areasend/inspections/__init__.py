"""One inspection: who leads it, its timeline from the framework core, its outcome and publication."""
