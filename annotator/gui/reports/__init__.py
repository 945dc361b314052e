"""Report charts drawn with Qt, for where matplotlib is not installed (the packaged app)."""
