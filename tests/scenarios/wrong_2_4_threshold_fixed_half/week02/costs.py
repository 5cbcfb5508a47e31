# scenario: patch (this case varies choose_threshold only: the default everyone starts from)
def choose_threshold(y_true, proba):
    return 0.5
