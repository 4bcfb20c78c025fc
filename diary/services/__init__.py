"""Use cases the window and the command line call; one transaction each."""
