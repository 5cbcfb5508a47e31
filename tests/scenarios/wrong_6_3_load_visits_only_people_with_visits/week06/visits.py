# scenario: patch
# The mistake: people without a visit dropped "because they tell us nothing".
def load_visits():
    data = sm.datasets.randhie.load_pandas().data
    return data[data[RESPONSE] > 0].reset_index(drop=True)
