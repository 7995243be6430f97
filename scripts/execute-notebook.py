#!/usr/bin/python3
"""
Execute a notebook read from stdin and write it, with outputs, to stdout: what `jupyter nbconvert --to notebook
--execute` does (nbclient, the library nbconvert's ExecutePreprocessor is built on), with one difference. After a cell
reports idle, output that the kernel still sends for that cell is collected for a short grace period instead of being
dropped: Deno's kernel forwards stdout and displays asynchronously and can report idle first, and nbclient 0.7 would
then lose them (a console.log line or a display missing at random from a headless run).

Usage: execute-notebook.py [grace seconds] < in.ipynb > out.ipynb   (the kernel runs in the current directory)
"""
import asyncio
import os
import queue
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async


class PatientClient(NotebookClient):
    grace = 1.0

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.grace
        while (remaining := deadline - loop.time()) > 0:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=remaining))
            except queue.Empty:
                return
            if msg['parent_header'].get('msg_id') != parent_msg_id:
                continue
            # a late message of this cell: keep it, and wait the grace period again after it
            deadline = loop.time() + self.grace
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                pass


def main():
    notebook = nbformat.read(sys.stdin, as_version=4)
    client = PatientClient(notebook, timeout=600, resources={'metadata': {'path': os.getcwd()}})
    if len(sys.argv) > 1:
        client.grace = float(sys.argv[1])
    client.execute()
    nbformat.write(notebook, sys.stdout)


if __name__ == '__main__':
    main()
