"""Gradebook: grade a class roster with the instructor grader and write its reports."""
