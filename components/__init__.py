"""Custom NLU components of the sourcing advisor's pipeline (config.yml)."""
