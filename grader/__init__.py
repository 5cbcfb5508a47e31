"""ML Path grader: a pytest plugin that grades learners' notebooks and modules in a sandbox."""

__version__ = "0.1.0"
