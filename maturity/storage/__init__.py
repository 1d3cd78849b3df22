"""The database: models, engine and migrations, the store, queries."""
