"""The pure-Python domain: text and offsets, the annotation scheme, annotation records.

Nothing under ``annotator.core`` imports PySide6 or sqlite3.
"""
