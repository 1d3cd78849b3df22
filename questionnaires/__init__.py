"""Questionnaire profiles shipped with the program (YAML data, read with importlib.resources)."""
