# scenario: patch
CHOICE = "hist_gradient_boosting"
REASON = ("Gradient boosting is the stronger model in general and usually wins on tabular "
          "data, so it is the safer choice for the retention team going forward.")
