# scenario: patch (this case varies all four: NumPy counting, cumulative sums, a relabelled display)
import numpy as np
from sklearn.metrics import ConfusionMatrixDisplay


def confusion_cells(y_true, y_pred):
    actual, predicted = np.asarray(y_true).astype(bool), np.asarray(y_pred).astype(bool)
    return {"true_negative": int(np.sum(~actual & ~predicted)),
            "false_positive": int(np.sum(~actual & predicted)),
            "false_negative": int(np.sum(actual & ~predicted)),
            "true_positive": int(np.sum(actual & predicted))}


def expected_cost(y_true, proba, threshold):
    actual, offered = np.asarray(y_true).astype(bool), np.asarray(proba) >= threshold
    return float(COST_MISSED_CHURNER * np.sum(actual & ~offered) + COST_OFFER * np.sum(offered))


def choose_threshold(y_true, proba):
    # Sort by probability, highest first: offering to the top k costs 50 k plus 500 for every
    # churner below them. Cut only between distinct probabilities (ties go together).
    order = np.argsort(-np.asarray(proba), kind="stable")
    p, y = np.asarray(proba)[order], np.asarray(y_true).astype(bool)[order]
    churners_offered = np.concatenate([[0], np.cumsum(y)])
    k = np.arange(len(p) + 1)
    cost = COST_OFFER * k + COST_MISSED_CHURNER * (y.sum() - churners_offered)
    valid = np.concatenate([[True], p[1:] < p[:-1], [True]])  # k at the end of a tie group
    best = int(np.argmin(np.where(valid, cost, np.inf)))
    return 1.0 + 1e-9 if best == 0 else float(p[best - 1])


def plot_confusion_matrix(y_true, y_pred):
    display = ConfusionMatrixDisplay.from_predictions(
        y_true, y_pred, labels=[False, True], display_labels=["stays", "churns"],
        cmap="Oranges")
    names = [["TN", "FP"], ["FN", "TP"]]
    for row in range(2):
        for col in range(2):
            text = display.text_[row, col]
            text.set_text(f"{names[row][col]}: {text.get_text()}")
    display.ax_.set(xlabel="predicted", ylabel="actual", title="Retention offers at 0.5")
    return display.figure_
