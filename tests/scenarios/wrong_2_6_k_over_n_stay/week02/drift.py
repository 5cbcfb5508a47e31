# scenario: patch
def subsample_churners(y, prevalence, seed=0):
    y = np.asarray(y, dtype=bool)
    stayers, churners = np.flatnonzero(~y), np.flatnonzero(y)
    k = round(prevalence * len(stayers))  # a share of the stayers, not of everyone kept
    chosen = np.random.default_rng(seed).choice(churners, size=k, replace=False)
    return np.sort(np.concatenate([stayers, chosen]))
