"""The Qt window: presents and dispatches, no rules of its own."""
