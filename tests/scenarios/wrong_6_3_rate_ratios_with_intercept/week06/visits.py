# scenario: patch
# The mistake: the intercept's exp (the baseline rate) listed among the rate ratios.
def rate_ratios(fit, names):
    return pd.Series(np.exp(fit.coef), index=["intercept", *names])
