"""Reports on a team's work: an HTML page with PNG charts (``annotator report``) and the
plain-text agreement tables of ``annotator agreement``."""

from annotator.report.page import write_report

__all__ = ["write_report"]
