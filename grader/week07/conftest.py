"""Week 7's checks; original/ is the practice library's code and tests, data to the grader."""

collect_ignore = ["original"]
