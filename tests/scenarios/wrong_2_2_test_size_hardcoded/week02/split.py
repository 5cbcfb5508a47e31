# scenario: patch (test_size typed in: the argument is ignored)
def split_customers(table: pd.DataFrame, test_size: float = 0.2,
                    seed: int = 42) -> tuple[pd.DataFrame, pd.DataFrame]:
    train, test = train_test_split(table, test_size=0.2, stratify=table["churn"],
                                   random_state=seed)
    return train, test
