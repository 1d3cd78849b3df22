"""Connecting the app to a federation's shared PostgreSQL database: the dialog, the recent servers (without
passwords) and the operating system's keychain for a password kept on request."""
