# scenario: patch
def subsample_churners(y, prevalence, seed=0):
    y = np.asarray(y, dtype=bool)
    stayers, churners = np.flatnonzero(~y), np.flatnonzero(y)
    k = round(prevalence * len(stayers) / (1 - prevalence))
    chosen = np.random.default_rng().choice(churners, size=k, replace=False)  # seed forgotten
    return np.sort(np.concatenate([stayers, chosen]))
