# scenario: patch
# The mistake: poor health (hlthp) left out, as if one health level were enough.
def fit_visits(table):
    X = table.drop(columns=[RESPONSE, "hlthp"])
    return fit_glm(X.to_numpy(dtype=float), table[RESPONSE].to_numpy(dtype=float), Poisson())
