"""Wording that makes a published document harder to use, shared by the plan rules (which
catch it in the YAML) and the Word accessibility checker (which catches it in a .docx)."""

import re

GENERIC_LINK_TEXT = frozenset((
    "click here", "click", "here", "read more", "more", "more info", "more information",
    "find out more", "learn more", "link", "this link", "this page"))
"""Link text that does not say where the link goes (WCAG 2.4.4)."""

BARE_URL = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)
"""Link text that is just a web address."""
