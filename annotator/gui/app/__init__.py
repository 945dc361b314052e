"""Starting the program: the Qt application, the UI language, the user's settings, who is annotating, the sample project, uncaught errors and the window half of ``annotator selftest``."""
