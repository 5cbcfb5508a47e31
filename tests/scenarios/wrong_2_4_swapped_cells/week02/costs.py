# scenario: patch (this case varies confusion_cells only: the classic ravel() order mistake)
from sklearn.metrics import confusion_matrix


def confusion_cells(y_true, y_pred):
    tn, fn, fp, tp = confusion_matrix(y_true, y_pred, labels=[False, True]).ravel()
    return {"true_negative": int(tn), "false_positive": int(fp),
            "false_negative": int(fn), "true_positive": int(tp)}
