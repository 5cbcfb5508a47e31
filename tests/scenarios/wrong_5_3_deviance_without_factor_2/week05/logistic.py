# scenario: patch
# The negative log-likelihood, called deviance.
def deviance(beta, X, y):
    return -log_likelihood(beta, X, y)
