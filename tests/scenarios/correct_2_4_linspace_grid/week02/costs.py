# scenario: patch (this case varies choose_threshold only: a fine grid instead of every proba)
import numpy as np


def choose_threshold(y_true, proba):
    grid = np.linspace(0.0, 1.0, 501)
    costs = [expected_cost(y_true, proba, t) for t in grid]
    return float(grid[np.argmin(costs)])
