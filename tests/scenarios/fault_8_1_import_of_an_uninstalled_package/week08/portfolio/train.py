# scenario: patch
import xgboost  # installed on the learner's laptop, not in the course's environment
