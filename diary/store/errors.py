"""The store's error for the officer, apart from the database layer so the key file can be read before it loads."""


class StoreError(Exception):
    """A problem with the data file, with a message in plain English for the officer."""
