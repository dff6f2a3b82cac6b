"""DisputeDesk: the buyer's workbench for technical-support disputes with Chinese suppliers."""

__version__ = "0.1.0"
