# scenario: patch
def stratified_folds(y, n_splits=5, seed=0):
    splitter = StratifiedKFold(n_splits=n_splits)  # random_state needs shuffle=True to matter
    return list(splitter.split(np.zeros((len(y), 1)), np.asarray(y)))
