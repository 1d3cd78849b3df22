"""The method as data: the profile schema and loading installed profiles."""
