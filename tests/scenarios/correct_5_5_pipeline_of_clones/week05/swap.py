# scenario: patch
# A new Pipeline of cloned steps, the pipeline's own options kept.
def with_scratch_model(pipeline):
    steps = [(name, clone(step)) for name, step in pipeline.steps[:-1]]
    steps.append((pipeline.steps[-1][0], ScratchLogisticRegression()))
    return Pipeline(steps, memory=pipeline.memory, verbose=pipeline.verbose)
