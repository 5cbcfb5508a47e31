# scenario: patch
CHOICE = "logistic_regression"
REASON = "It scored better."
