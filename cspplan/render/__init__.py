"""Render a plan into its committee papers: the cover report, the plan (Appendix A) and the
crime overview (Appendix B)."""
