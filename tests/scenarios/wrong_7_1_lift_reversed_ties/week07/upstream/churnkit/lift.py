# scenario: patch
def lift_at(y_true, proba, fraction: float = 0.1) -> float:
    """Churn rate among the `fraction` of customers with the highest probability, over the base."""
    y = check_binary(y_true, "y_true")
    p = check_probabilities(proba)
    n = check_same_length(y_true=y, proba=p)
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must be in (0, 1], got {fraction}")
    if y.sum() == 0:
        raise ValueError("y_true holds no churner: lift is undefined")
    n_top = math.ceil(fraction * n)
    order = np.argsort(p, kind="stable")[::-1]  # highest first
    return float(y[order[:n_top]].mean() / y.mean())
