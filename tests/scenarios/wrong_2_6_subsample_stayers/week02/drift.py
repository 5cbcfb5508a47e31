# scenario: patch
def subsample_churners(y, prevalence, seed=0):
    y = np.asarray(y, dtype=bool)
    stayers, churners = np.flatnonzero(~y), np.flatnonzero(y)
    k = round(prevalence * len(stayers) / (1 - prevalence))
    chosen = np.random.default_rng(seed).choice(stayers, size=k, replace=False)  # the wrong class
    return np.sort(np.concatenate([chosen, churners]))
