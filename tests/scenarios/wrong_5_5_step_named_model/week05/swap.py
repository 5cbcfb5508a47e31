# scenario: patch
# Assumes the last step is called "model", as in week 3.
def with_scratch_model(pipeline):
    return clone(pipeline).set_params(model=ScratchLogisticRegression())
