"""Leads: contact details a person leaves for the provider, with the assessment they were given."""
