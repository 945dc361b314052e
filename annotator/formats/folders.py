"""Walking an import folder without leaving it.

A folder import reads the files below the folder and nothing else: a symbolic link whose
target lies outside the folder (``link.txt -> /etc/passwd``) is skipped and named in a
warning, and links to folders are never followed (so no loop and no way out).
"""

from __future__ import annotations

import os
from pathlib import Path

from annotator.core.wording import count


def files_below(root: Path, suffix: str) -> tuple[list[Path], list[str]]:
    """Return the files below ``root`` whose name ends in ``suffix`` (any case), sorted,
    and warnings naming the links that were skipped."""
    base = root.resolve()
    found: list[Path] = []
    outside: list[str] = []
    linked_dirs: list[str] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        for d in dirs:
            if os.path.islink(os.path.join(folder, d)):
                linked_dirs.append(os.path.relpath(os.path.join(folder, d), root))
        for name in names:
            if not name.lower().endswith(suffix):
                continue
            path = Path(folder) / name
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(base) or not target.is_file():
                    outside.append(path.relative_to(root).as_posix())
                    continue
            if path.is_file():
                found.append(path)
    warnings = []
    if outside:
        warnings.append(f"{root}: {count(len(outside), 'link')} to files outside the folder skipped: "
                        f"{', '.join(sorted(outside)[:10])}{', ...' if len(outside) > 10 else ''}.")
    if linked_dirs:
        warnings.append(f"{root}: {count(len(linked_dirs), 'link')} to folders not followed: "
                        f"{', '.join(sorted(linked_dirs)[:10])}{', ...' if len(linked_dirs) > 10 else ''}.")
    return sorted(found), warnings
