"""CLI command groups, one module per area.

Every module in this package that defines ``register(app: typer.Typer) -> None`` is picked up
by :mod:`disputedesk.cli` and adds its commands to the ``disputedesk`` command. Modules stay
thin: they parse arguments, call services or domain functions, and print.
"""
