# scenario: patch (this case varies expected_cost only: an offer to a churner we keep seems free)
import numpy as np


def expected_cost(y_true, proba, threshold):
    cells = confusion_cells(y_true, np.asarray(proba) >= threshold)
    return float(COST_MISSED_CHURNER * cells["false_negative"]
                 + COST_OFFER * cells["false_positive"])
