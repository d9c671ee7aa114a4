#!/usr/bin/env python3
"""Execute a Jupyter notebook headless (nbclient) and fail on any error.

    run_notebook.py NOTEBOOK.ipynb [--out EXECUTED.ipynb] [--timeout SECONDS] [--allow-warnings]

The notebook runs in its own folder (relative paths work as in Jupyter), in a kernel started
with this very Python (a temporary kernelspec, so a "python3" kernelspec pointing elsewhere does
not matter). Exit status 1 when a cell raises, when the notebook is not valid nbformat 4, or
(unless --allow-warnings) when a cell writes a Python warning to stderr. The executed notebook is
written to --out when given. CTest runs this as `python.notebook` (python/CMakeLists.txt).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebook", type=Path)
    ap.add_argument("--out", type=Path, help="write the executed notebook here")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    ap.add_argument("--allow-warnings", action="store_true", help="do not fail on warnings in stderr")
    args = ap.parse_args()

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(args.notebook, as_version=4)
    nbformat.validate(nb)
    if not any(c.cell_type == "code" for c in nb.cells):
        print(f"{args.notebook}: no code cells", file=sys.stderr)
        return 1

    # the kernel runs in the notebook's folder: make PYTHONPATH entries absolute first
    if os.environ.get("PYTHONPATH"):
        os.environ["PYTHONPATH"] = os.pathsep.join(
            str(Path(p).resolve()) for p in os.environ["PYTHONPATH"].split(os.pathsep) if p)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # quiet ipykernel's debugger note

    with tempfile.TemporaryDirectory(prefix="govmetrics-kernel-") as jupyter_dir:
        spec_dir = Path(jupyter_dir) / "kernels" / "govmetrics-python"
        spec_dir.mkdir(parents=True)
        (spec_dir / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": f"Python ({sys.executable})",
            "language": "python",
        }))
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [jupyter_dir, os.environ.get("JUPYTER_PATH")]))
        client = NotebookClient(
            nb,
            timeout=args.timeout,
            kernel_name="govmetrics-python",
            allow_errors=False,
            resources={"metadata": {"path": str(args.notebook.resolve().parent)}},
        )
        failed = None
        try:
            client.execute()
        except CellExecutionError as e:
            failed = str(e)

    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, args.out)

    problems = []
    if failed:
        problems.append(failed)
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            elif (out.get("output_type") == "stream" and out.get("name") == "stderr"
                  and "Warning" in out.get("text", "") and not args.allow_warnings):
                problems.append(f"cell {i} warned:\n{out['text']}")
    if problems:
        print(f"{args.notebook}: FAILED", file=sys.stderr)
        for p in problems:
            print(p, file=sys.stderr)
        return 1
    n = sum(1 for c in nb.cells if c.cell_type == "code")
    print(f"{args.notebook}: ok ({n} code cells executed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
