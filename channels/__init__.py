"""Input and output channels of the assistant that Rasa 3.6's own channels get wrong (see each module)."""
