# scenario: patch (by hand: shuffle each class with NumPy and set aside its share)
import numpy as np


def split_customers(table: pd.DataFrame, test_size: float = 0.2,
                    seed: int = 42) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    churn = table["churn"].to_numpy()
    test_rows = []
    for value in (False, True):
        rows = rng.permutation(np.flatnonzero(churn == value))
        test_rows.append(rows[: round(test_size * len(rows))])
    in_test = np.zeros(len(table), dtype=bool)
    in_test[np.concatenate(test_rows)] = True
    return table[~in_test], table[in_test]
