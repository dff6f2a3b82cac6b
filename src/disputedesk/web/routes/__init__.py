"""Page and API route modules, one per area, found automatically by ``web/app.py``.

A module here may define:
- ``router``: an ``APIRouter`` of signed-in routes (use ``Depends(current_workspace)`` or
  ``Depends(need("edit"))`` from ``web.deps`` on every route);
- ``public``: an ``APIRouter`` of routes that need no sign-in (rare);
- ``NAV``: a list of ``(order, label, path)`` for the main navigation (label is an English
  msgid, translated through the catalogue);
- ``dashboard_panels(ctx, access) -> list[tuple[str, dict]]``: template names (partials) and
  their variables, shown on the dashboard. A panel that counts days may take a keyword
  ``today`` (the viewer's date, ``deps.user_today``).
"""
