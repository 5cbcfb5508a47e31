# scenario: patch
from families import Gaussian


# The mistake: least squares on a count.
def fit_visits(table):
    X = table.drop(columns=RESPONSE)
    return fit_glm(X.to_numpy(dtype=float), table[RESPONSE].to_numpy(dtype=float), Gaussian())
