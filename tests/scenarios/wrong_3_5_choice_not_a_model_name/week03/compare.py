# scenario: patch
CHOICE = "Logistic Regression"
