# scenario: patch
def summarize(scores):
    return scores.mean().to_frame("mean").T
