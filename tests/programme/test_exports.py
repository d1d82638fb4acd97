from areasend.programme.exports import as_csv


def test_text_that_looks_like_a_formula_is_defused():
    result = {"items": [{"area_code": "E1", "area_name": "=HYPERLINK(\"x\")", "region": "London", "kind": "full",
                         "onsite_start": "2027-01-04", "due_by": None, "days_late": 0, "reason": "-1 days"}],
              "unscheduled": []}
    text = as_csv(result)
    assert "'=HYPERLINK" in text and ",'-1 days" in text
