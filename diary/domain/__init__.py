"""The officer's world and its rules, in plain Python (no Qt, no SQL)."""
