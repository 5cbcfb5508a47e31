# scenario: patch
# Swaps the model inside the caller's pipeline and hands it back.
def with_scratch_model(pipeline):
    pipeline.steps[-1] = (pipeline.steps[-1][0], ScratchLogisticRegression())
    return pipeline
