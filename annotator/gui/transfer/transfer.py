"""The window's File → Import and File → Export: open the dialog, run the work on a job
thread behind a progress dialog, then report (one sentence for an error; a summary with
the warnings and notices after success) and, after an import, refresh the window.

Every dialog here is opened with ``open()`` (window-modal, not blocking), so the window
keeps painting and tests can drive each step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from annotator.gui.transfer.export_dialog import ExportDialog, ExportRequest
from annotator.gui.transfer.import_dialog import ImportDialog, ImportRequest
from annotator.gui.transfer.jobs import Job, ProgressDialog
from annotator.store.changes import Changes

if TYPE_CHECKING:
    from annotator.gui.window.main_window import MainWindow

translate = QCoreApplication.translate
#: How many warnings the summary shows; the rest are under "Show Details".
SHOWN_WARNINGS = 8


class TransferMixin:
    """Import and export commands of ``MainWindow``."""

    job: Job | None = None
    progress_dialog: ProgressDialog | None = None
    transfer_dialog: ImportDialog | ExportDialog | None = None
    transfer_message: QMessageBox | None = None

    # -- dialogs -----------------------------------------------------------------------

    def show_import_dialog(self: MainWindow) -> ImportDialog:
        """Open File → Import; the import starts when the dialog is accepted."""
        dialog = ImportDialog(self.project, self)
        dialog.accepted.connect(lambda: self.start_import(dialog.request()))
        self._open_transfer_dialog(dialog)
        return dialog

    def show_export_dialog(self: MainWindow) -> ExportDialog:
        """Open File → Export; the export starts when the dialog is accepted."""
        dialog = ExportDialog(self.project, self.lang, self)
        dialog.accepted.connect(lambda: self.start_export(dialog.request()))
        self._open_transfer_dialog(dialog)
        return dialog

    def _open_transfer_dialog(self: MainWindow, dialog: ImportDialog | ExportDialog) -> None:
        if self.transfer_dialog is not None:
            self.transfer_dialog.deleteLater()
        self.transfer_dialog = dialog
        dialog.open()

    # -- jobs --------------------------------------------------------------------------

    def start_import(self: MainWindow, request: ImportRequest) -> Job:
        """Import on a job thread (its own connection, one transaction)."""
        def work(project: Any, job: Job) -> Any:
            return project.import_files(request.paths, format=request.format, annotator=request.annotator,
                                        progress=job.report, cancelled=job.is_cancelled, reading=job.report_reading,
                                        **request.options)

        return self._start_job(work, translate("Transfer", "Importing"), translate("Transfer", "Adding documents: {done} of {total}"),
                               self._import_done, translate("Transfer", "Import failed"),
                               translate("Transfer", "The import was cancelled; the project is unchanged."))

    def start_export(self: MainWindow, request: ExportRequest) -> Job:
        """Export on a job thread (its own connection; nothing is written unless it all is)."""
        from annotator.transfer.export import export_project

        def work(project: Any, job: Job) -> Any:
            return export_project(project, request.format, request.out, progress=job.report, cancelled=job.is_cancelled,
                                  **request.arguments())

        return self._start_job(work, translate("Transfer", "Exporting"), translate("Transfer", "Exporting documents: {done} of {total}"),
                               lambda manifest: self._export_done(request, manifest), translate("Transfer", "Export failed"),
                               translate("Transfer", "The export was cancelled; nothing was written."))

    def _start_job(self: MainWindow, work: Any, title: str, step: str, done: Any, fail_title: str, cancelled: str) -> Job:
        job = Job(self.project.path, self.project.annotator, work, self)
        job.succeeded.connect(done)
        job.failed.connect(lambda message: self._message(QMessageBox.Icon.Warning, fail_title, message))
        job.cancelled.connect(lambda: self.status(cancelled))
        job.finished.connect(self._job_finished)
        self.job = job
        self.progress_dialog = ProgressDialog(title, job, self, step=step)
        self.progress_dialog.open()
        job.start()
        return job

    def _job_finished(self: MainWindow) -> None:
        if self.job is not None:
            self.job.deleteLater()
        self.job = None

    def stop_jobs(self: MainWindow) -> None:
        """Cancel a running import or export and wait for it (the window is closing)."""
        if self.job is not None and self.job.isRunning():
            self.job.cancel()
            self.job.wait()
        if isinstance(self.transfer_dialog, ExportDialog):
            self.transfer_dialog.wait_for_counts()

    # -- results -----------------------------------------------------------------------

    def _import_done(self: MainWindow, report: Any) -> None:
        old = set(self.project.scheme.span_labels)
        self.project.refresh()  # the job's connection may have stored a new scheme
        self.project.poll()  # the job's commit is shown here, not again as another program's
        new_labels = [lab for lab in self.project.scheme.span_labels if lab not in old]
        self.project.history.clear()  # undo steps must not cross an import (as add_documents does for its own)
        self.show_changes(Changes.bulk("import", [*report.added, *report.attached]))
        lines = [translate("Transfer", "Documents added: {n}").format(n=f"{len(report.added):,}")]
        for n, text in ((len(report.attached), translate("Transfer", "Existing documents given annotations: {n}")),
                        (len(report.skipped), translate("Transfer", "Duplicates skipped: {n}")),
                        (report.spans, translate("Transfer", "Spans: {n}")), (report.events, translate("Transfer", "Events: {n}")),
                        (report.relations, translate("Transfer", "Relations: {n}")), (report.stances, translate("Transfer", "Stances: {n}"))):
            if n:
                lines.append(text.format(n=f"{n:,}"))
        if new_labels:
            lines.append(translate("Transfer", "New labels in the scheme: {labels}").format(labels=", ".join(new_labels)))
        self._summary(translate("Transfer", "Import finished"), lines, report.skipped + report.warnings)
        self.status(translate("Transfer", "Import finished; documents added: {n}.").format(n=f"{len(report.added):,}"))

    def _export_done(self: MainWindow, request: ExportRequest, manifest: Any) -> None:
        data = manifest.data
        docs = data["counts"]["documents"]
        total = sum(docs.values())
        line = translate("Transfer", "Documents exported: {n}").format(n=f"{total:,}")
        if data["split"]:
            line += " (" + ", ".join(f"{k} {v:,}" for k, v in docs.items()) + ")"
        lines = [line, translate("Transfer", "Saved to: {path}").format(path=request.out),
                 translate("Transfer", "Manifest: {path}").format(path=manifest.path)]
        if data.get("documents_left_out"):
            lines.append(translate("Transfer", "Documents left out: {n}").format(n=f"{data['documents_left_out']:,}"))
        warnings = [f"{n} × {kind}" for kind, n in data["warnings"].items()]
        self._summary(translate("Transfer", "Export finished"), lines, warnings)
        self.status(line)

    def _summary(self: MainWindow, title: str, lines: list[str], warnings: list[str]) -> None:
        text = "\n".join(lines)
        if warnings:
            text += "\n\n" + translate("Transfer", "Warnings and notices: {n}").format(n=len(warnings)) + "\n"
            text += "\n".join(f"• {w}" for w in warnings[:SHOWN_WARNINGS])
            if len(warnings) > SHOWN_WARNINGS:
                text += "\n…"
        box = self._message(QMessageBox.Icon.Information, title, text)
        if warnings:
            box.setDetailedText("\n".join(warnings))

    def _message(self: MainWindow, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        if self.transfer_message is not None:
            self.transfer_message.deleteLater()
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("TransferMessage")
        self.transfer_message = box
        box.open()
        return box
