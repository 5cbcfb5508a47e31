# scenario: patch
# The mistake: the coefficients themselves, which are log rate ratios.
def rate_ratios(fit, names):
    return pd.Series(fit.coef[1:], index=list(names))
