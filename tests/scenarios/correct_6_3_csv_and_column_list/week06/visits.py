# scenario: patch
from pathlib import Path


# Another correct answer: the CSV statsmodels ships, read directly; columns by a list.
def load_visits():
    csv = Path(sm.datasets.randhie.__file__).with_name("randhie.csv")
    return pd.read_csv(csv)


def fit_visits(table):
    predictors = [column for column in table.columns if column != "mdvis"]
    X = table[predictors].values.astype(float)
    y = table["mdvis"].values.astype(float)
    return fit_glm(X, y, Poisson())


def rate_ratios(fit, names):
    return pd.Series(dict(zip(names, np.exp(np.asarray(fit.coef)[1:]), strict=True)))
