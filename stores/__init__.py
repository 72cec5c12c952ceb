"""Tracker and lock stores for running several Rasa replicas without losing a message (see each module)."""
