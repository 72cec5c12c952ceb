"""How the Rasa server of the sourcing advisor runs: Rasa's command line plus our action calls and model loading."""
