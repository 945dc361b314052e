"""File -> Import and File -> Export: the dialogs, the format options they share, the export label table and the job thread with its progress dialog."""
