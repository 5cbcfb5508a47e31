import pandas as pd


def load_raw(path):
    # pandas guesses the types: right on this file, by luck
    return pd.read_csv(path, index_col="customerID")
