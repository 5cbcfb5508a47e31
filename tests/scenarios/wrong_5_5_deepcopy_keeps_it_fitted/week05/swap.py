# scenario: patch
import copy


# deepcopy instead of clone: a fitted pipeline's preprocessing stays fitted.
def with_scratch_model(pipeline):
    new = copy.deepcopy(pipeline)
    new.steps[-1] = (new.steps[-1][0], ScratchLogisticRegression())
    return new
