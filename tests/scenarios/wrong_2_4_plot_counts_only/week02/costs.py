# scenario: patch (this case varies plot_confusion_matrix only: scikit-learn's display, counts only)
from sklearn.metrics import ConfusionMatrixDisplay


def plot_confusion_matrix(y_true, y_pred):
    display = ConfusionMatrixDisplay.from_predictions(y_true, y_pred)
    display.ax_.set_title("Confusion matrix")
    return display.figure_
