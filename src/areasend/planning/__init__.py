"""The national programme planner: which local area partnerships are inspected in which week (pure Python)."""
