"""The planner's inputs: kept here for callers of this module; they are built by the programme app."""

from areasend.programme.inputs import areas_on, load_area_states, plan_inputs

__all__ = ["areas_on", "load_area_states", "plan_inputs"]
