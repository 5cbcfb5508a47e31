# scenario: patch (StratifiedShuffleSplit: one stratified draw, by position)
from sklearn.model_selection import StratifiedShuffleSplit


def split_customers(table: pd.DataFrame, test_size: float = 0.2,
                    seed: int = 42) -> tuple[pd.DataFrame, pd.DataFrame]:
    splitter = StratifiedShuffleSplit(n_splits=1, test_size=test_size, random_state=seed)
    train_rows, test_rows = next(splitter.split(table, table["churn"]))
    return table.iloc[train_rows], table.iloc[test_rows]
