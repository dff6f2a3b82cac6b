"""The dispute's own records, created and corrected by the user: buyer, suppliers, contracts,
orders, payments, support requests. One module per record; the same typed commands (Pydantic)
serve the API, the page forms and the CLI, and every change is a ledger entry with the old and
new values.

``overview`` reads the records for the dashboard; ``errors`` is the one bad-input exception.
"""

from .overview import Dashboard, contract_number_for_evidence, dashboard

__all__ = ["Dashboard", "contract_number_for_evidence", "dashboard"]
