# scenario: patch
# A new Pipeline around the same step objects: fitting it fits the caller's preprocessing.
def with_scratch_model(pipeline):
    *steps, (name, _) = pipeline.steps
    return Pipeline([*steps, (name, ScratchLogisticRegression())])
