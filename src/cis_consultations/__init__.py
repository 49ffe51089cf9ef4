"""Load, validate and render the record of the CIS information-security consultations.

This package knows nothing of MkDocs: the hooks in ``hooks/`` adapt it.
"""

from __future__ import annotations
