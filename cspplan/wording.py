"""Wording that makes a published document harder to use, shared by the plan rules (which
catch it in the YAML) and the Word accessibility checker (which catches it in a .docx)."""

import re

GENERIC_LINK_TEXT = frozenset((
    "click here", "click", "here", "read more", "more", "more info", "more information",
    "find out more", "learn more", "link", "this link", "this page"))
"""Link text that does not say where the link goes (WCAG 2.4.4)."""

BARE_URL = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)
"""Link text that is just a web address."""


LINK_SCHEMES = ("https", "http", "mailto")
"""The only kinds of link a published paper may hold: a web page or an email address. A
link to a file share (smb:, \\\\server), a local path, or a scheme that starts a program
(ms-word:, ms-msdt:, search-ms:, javascript:) is never made clickable."""

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+):")  # one letter is a Windows drive, C:/...


def link_scheme(href: str) -> str | None:
    """The scheme of a link target in lower case ("https"), or None for a path (C:/x is one)."""
    match = _SCHEME.match(href.strip())
    return match.group(1).lower() if match else None


def link_allowed(href: str) -> bool:
    """Whether a link target may become a link: https://, http:// or mailto:."""
    scheme = link_scheme(href)
    if scheme in ("https", "http"):
        return href.strip()[len(scheme) + 1:].startswith("//")
    return scheme == "mailto"
