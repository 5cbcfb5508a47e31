# scenario: patch (this case varies expected_cost only: > where the contract says >=)
import numpy as np


def expected_cost(y_true, proba, threshold):
    cells = confusion_cells(y_true, np.asarray(proba) > threshold)
    offers = cells["true_positive"] + cells["false_positive"]
    return float(COST_MISSED_CHURNER * cells["false_negative"] + COST_OFFER * offers)
