"""Response generation of the Rasa server (the `nlg` endpoint of endpoints.yml)."""
