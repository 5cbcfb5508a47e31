# scenario: patch (this case varies confusion_cells only: no labels=, so a quiet month is 1 x 1)
from sklearn.metrics import confusion_matrix


def confusion_cells(y_true, y_pred):
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred).ravel()
    return {"true_negative": int(tn), "false_positive": int(fp),
            "false_negative": int(fn), "true_positive": int(tp)}
