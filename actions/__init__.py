"""Custom actions of the sourcing advisor: thin glue between Rasa and the advisor package."""
