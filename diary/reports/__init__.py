"""What gets printed or exported."""
