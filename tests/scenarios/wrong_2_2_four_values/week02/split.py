# scenario: patch (X and y split separately: four values come back)
def split_customers(table: pd.DataFrame, test_size: float = 0.2,
                    seed: int = 42) -> tuple[pd.DataFrame, pd.DataFrame]:
    X = table.drop(columns="churn")
    y = table["churn"]
    return train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)
