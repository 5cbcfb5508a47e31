# scenario: patch (this case varies evaluate only: the metric everyone knows, alone)
from sklearn.metrics import accuracy_score


def evaluate(model, X, y):
    return {"accuracy": accuracy_score(y, model.predict(X))}
