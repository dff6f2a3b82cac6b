"""The demo dispute: source files of a fictional but realistic case, loaded by `disputedesk demo`.

The files live in ``data/`` (see ``data/README.md`` for the story, the cast and the timeline) and
are written by ``scripts/build_demo.py``; edit the script and rebuild rather than the files.
"""
