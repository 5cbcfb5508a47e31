# scenario: patch (random_state=None: a new split every run)
def split_customers(table: pd.DataFrame, test_size: float = 0.2,
                    seed: int = 42) -> tuple[pd.DataFrame, pd.DataFrame]:
    train, test = train_test_split(table, test_size=test_size, stratify=table["churn"],
                                   random_state=None)
    return train, test
