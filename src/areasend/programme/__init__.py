"""The national programme: the plan of who is inspected when, made by the planner and accepted by the planning team."""
