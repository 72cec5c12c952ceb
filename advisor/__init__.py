"""The decision logic of the sourcing advisor: pure Python, no Rasa, no side effects at import."""
