# scenario: patch
# The mistake: "mdvis is the first column", true of randhie as shipped, not of every table.
def fit_visits(table):
    values = table.to_numpy(dtype=float)
    return fit_glm(values[:, 1:], values[:, 0], Poisson())
