"""`python -m shuttle.cli`: the `shuttle` command without its console script."""

from shuttle.cli import main

main()
