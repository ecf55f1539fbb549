"""The imported plan as YAML text: the editor modeline first, the plan in the format's field
order, then what was not recognised as comments, each with where it came from.

Comments keep the file valid against the schema (there is no free field for unsorted
text) and cannot be dropped by any later step, and the officer sees them at the end.
"""

from __future__ import annotations

MODELINE = "# yaml-language-server: $schema=../schemas/plan-v1.schema.json"
TOP_ORDER = ("schema_version", "title", "summary", "area", "jurisdiction", "period", "version", "status",
             "approval", "version_history", "review", "scrutiny", "context", "sections", "partnership",
             "evidence", "police_and_crime_plan", "community_engagement", "information_sharing", "publication",
             "equality_impact_assessment", "priorities", "committee_report", "waivers")


def plan_yaml(plan: dict, unsorted: list[tuple[str, str]], notes: list[str], source: str) -> str:
    """The plan file's text; byte-identical for the same plan, unsorted blocks and notes."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    # Dates are text to cspplan: write them plain (2024-09-24), as the examples do, not quoted.
    Dumper.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()}

    def literal(dumper, value: str):
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, literal)
    ordered = {k: plan[k] for k in TOP_ORDER if k in plan}
    ordered.update({k: v for k, v in plan.items() if k not in ordered})
    body = yaml.dump(ordered, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False, indent=2)
    lines = [MODELINE, f"# Imported from {source} by cspplan import. Check every FILL-IN and YYYY-MM-DD,",
             "# then run: cspplan validate on this file.", "", body.rstrip("\n")]
    if notes:
        lines += ["", "# --- notes from the import: check these ---"]
        lines += [_comment(note) for note in notes]
    if unsorted:
        lines += ["", "# --- not recognised: sort these into the plan (each with where it came from) ---"]
        for where, text in unsorted:
            lines.append(f"# [{where}]")
            lines += [_comment(line) for line in text.splitlines()]
    return "\n".join(lines) + "\n"


def _comment(line: str) -> str:
    return ("# " + line).rstrip()
