"""``python -m lawgraph``: the ``lawgraph`` command."""

from lawgraph.cli import main

main(prog_name="lawgraph")
