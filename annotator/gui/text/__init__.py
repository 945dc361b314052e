"""The document view: the text, the spans drawn under it (and their label names), the span index, the label palette and Find."""
