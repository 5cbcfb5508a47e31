# scenario: patch (a plain random split: the churn share drifts with the draw)
def split_customers(table: pd.DataFrame, test_size: float = 0.2,
                    seed: int = 42) -> tuple[pd.DataFrame, pd.DataFrame]:
    train, test = train_test_split(table, test_size=test_size, random_state=seed)
    return train, test
