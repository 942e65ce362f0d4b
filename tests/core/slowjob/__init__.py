"""A test-only app with one slow periodic job, for the scheduler test with real worker processes."""
