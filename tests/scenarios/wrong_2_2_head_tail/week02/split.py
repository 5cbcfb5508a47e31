# scenario: patch (the first rows train, the last rows test: no draw at all)
def split_customers(table: pd.DataFrame, test_size: float = 0.2,
                    seed: int = 42) -> tuple[pd.DataFrame, pd.DataFrame]:
    n_train = int(len(table) * (1 - test_size))
    return table.iloc[:n_train], table.iloc[n_train:]
