# scenario: patch
# A shuffle-and-slice draw with no guard: asked for more churners than exist, it quietly
# returns a smaller share instead of saying the share cannot be reached.
def subsample_churners(y, prevalence: float, seed: int = 0) -> np.ndarray:
    y = np.asarray(y, dtype=bool)
    stayers, churners = np.flatnonzero(~y), np.flatnonzero(y)
    k = round(prevalence * len(stayers) / (1 - prevalence))
    chosen = np.random.default_rng(seed).permutation(churners)[:k]
    return np.sort(np.concatenate([stayers, chosen]))
