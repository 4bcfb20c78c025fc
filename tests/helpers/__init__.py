"""Small scripts the tests run as real separate processes."""
