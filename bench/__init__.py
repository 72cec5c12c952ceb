"""`make bench`: speed, cost and NLU quality of the assistant beside Rasa's own baselines."""
