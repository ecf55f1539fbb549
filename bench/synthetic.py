"""Large synthetic plans for the render and diff benchmarks, and the same content as Markdown for pandoc.

:func:`build_plan` starts from the Spelthorne example plan (read with
:func:`cspplan.loader.load_text`, so the data is exactly what cspplan sees), replaces its
priorities with ``priorities`` generated ones of ``actions`` actions and ``measures``
measures each, and keeps everything else. The generated plan is schema-valid and raises no
error against the law:

* priority, action and measure ids are unique (``p07``, ``p07-a12``, ``p07-m3``);
* leads and owners are ids of existing members; evidence and police and crime objective
  ids are existing ones;
* every action is due within the plan period;
* the statutory strands of the priorities, taken together, cover all five strands of the
  Crime and Disorder Act 1998 s6 (priority i has strand i mod 5, and some a second one);
* no placeholder words (TODO, TBC, XX ...) and no lone "section 5" or "section 6" citation.

Narratives have realistic lengths (about 240 to 280 words) and use Markdown: paragraphs,
**bold**, a bulleted list and a link. The text is made from sentence templates with a
seeded random generator, so the same arguments always give the same file, and no two
priorities have the same text.

:func:`plan_markdown` writes the same content as one Markdown document for pandoc: the
cover report (its summary table, summary box, twelve sections, background papers and
appendices), then the plan (summary, context, partnership and members, statutory strategies,
and for each priority its lead, narrative, rationale, evidence, and its actions and measures
as pipe tables), then the crime overview (one pipe table of measures per priority), which
is what ``cspplan render`` writes, less the compliance matrix and governance tables.

For the diff benchmark, :func:`modify_plan` derives a later version of a generated plan,
deterministically, with the changes a six-monthly review makes: about 5% of action statuses,
a few narratives reworded, a few measure targets, one priority added, one action removed and
one moved to another priority. It is schema-valid, with no error against the law.

Run ``python bench/synthetic.py OUT_DIR [PxAxM ...]`` to write plans, their Markdown and their modified copies.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BASE_PLAN = ROOT / "plans" / "spelthorne-2024-26.yaml"

STRANDS = ("crime_and_disorder", "anti_social_behaviour", "substance_misuse", "re_offending", "serious_violence")
STATUSES = ("not_started", "in_progress", "in_progress", "complete", "on_hold", "not_started")
DIRECTIONS = ("decrease", "increase", "maintain", "decrease", "increase")

TOPICS = [
    "Shoplifting", "Knife Crime", "Domestic Abuse", "Anti-Social Behaviour", "Drug Supply", "Hate Crime",
    "Violence Against Women and Girls", "Exploitation", "Road Safety", "Fly-Tipping", "Burglary",
    "Vehicle Crime", "Night-Time Economy", "Youth Violence", "Re-offending", "Alcohol Harm", "Fraud and Scams",
    "Cuckooing", "Street Drinking", "Rural Crime", "Online Harm", "Stalking and Harassment",
    "Criminal Damage", "Modern Slavery", "Water Safety",
]
PLACES = ["Staines-upon-Thames", "Ashford", "Sunbury-on-Thames", "Shepperton", "Stanwell", "Laleham",
          "Halliford", "Stanwell Moor", "Upper Halliford", "Charlton Village"]
GROUPS = ["young people", "older residents", "women and girls", "repeat victims", "shop workers",
          "private renters", "people with disabilities", "children at risk of exploitation", "night-time workers",
          "residents of social housing"]
VERBS = ["Deliver", "Run", "Review", "Commission", "Extend", "Agree", "Carry out", "Map", "Pilot", "Publish"]
THINGS = ["targeted patrols", "a prevention campaign", "awareness training for frontline staff",
          "a joint problem-solving plan", "a multi-agency case review", "diversionary activities",
          "home security visits", "a data-sharing dashboard", "an outreach service", "a CCTV coverage survey",
          "a referral pathway", "partnership action days"]
INDICATORS = ["offences recorded by Surrey Police", "incidents reported to the council",
              "referrals to support services", "repeat victims identified", "residents who feel safe after dark",
              "frontline staff trained", "cases managed through CHARMM", "hotspot locations resolved",
              "young people engaged in diversionary activities", "closure orders obtained"]
SOURCES = ["Surrey Police recorded crime", "Spelthorne Borough Council case records",
           "Community Safety Team training records", "Spelthorne Community Safety Survey",
           "Surrey Fire and Rescue Service incident records", "CHARMM case records"]
LINKS = [("the Spelthorne Crime Strategic Assessment", "https://www.spelthorne.gov.uk/community-safety"),
         ("Surrey Police crime data", "https://www.police.uk/pu/your-area/surrey-police/"),
         ("the Police and Crime Plan for Surrey", "https://www.surrey-pcc.gov.uk/police-and-crime-plan/"),
         ("Home Office guidance for partnerships",
          "https://www.gov.uk/government/publications/community-safety-partnerships")]


def load_base(path: Path = BASE_PLAN) -> dict:
    """The example plan as cspplan reads it (dates stay text)."""
    from cspplan.loader import load_text

    loaded = load_text(path.read_text(encoding="utf-8"), str(path))
    if not loaded.ok:
        raise ValueError(f"{path} does not load: {[str(f) for f in loaded.findings[:3]]}")
    return loaded.data


def copy_crime_data(directory: Path, base: Path = BASE_PLAN) -> None:
    """Copy the crime data aggregate the example plan names (crime_data.aggregate, a file in
    the plan's folder) into ``directory``: a generated plan keeps the example's crime_data,
    and a plan whose aggregate is missing is refused by render and is an error to validate."""
    name = (load_base(base).get("crime_data") or {}).get("aggregate")
    if name:
        shutil.copyfile(base.parent / name, Path(directory) / name)


def _month_ends(start: dt.date, end: dt.date) -> list[str]:
    """The last day of each month from ``start`` to ``end``, as YYYY-MM-DD."""
    out = []
    year, month = start.year, start.month
    while True:
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        last = nxt - dt.timedelta(days=1)
        if last > end:
            return out
        if last >= start:
            out.append(last.isoformat())
        year, month = nxt.year, nxt.month


def _sentences(rng: random.Random, topic: str, place: str) -> list[str]:
    t = topic.lower()
    return [
        f"Recorded {t} in {place} rose over the last year, and the strategic assessment identifies it as a "
        f"continuing concern for residents and businesses in the area.",
        f"Partners will share information about {t} through the Joint Action Group, so that patrols, "
        f"enforcement and support for victims are directed at the places and people most affected.",
        f"Residents of {place} told the 2023 community safety survey that {t} affects how safe they feel, "
        f"particularly after dark and near transport hubs.",
        f"The partnership will work with {rng.choice(GROUPS)} to understand how {t} affects them and to make "
        f"sure that services are easy to find and to use.",
        f"Most {t} is concentrated in a small number of locations, which allows a problem-solving approach "
        f"that combines prevention, enforcement and changes to the local environment.",
        f"Progress on {t} will be reported to the strategy group every quarter and reviewed with partners "
        f"at each six-monthly review of this plan.",
        f"National evidence shows that early intervention reduces {t}, and partners will build on projects "
        f"that have already worked well in {place} and elsewhere in Surrey.",
    ]


def _paragraph(rng: random.Random, topic: str, place: str, sentences: int) -> str:
    """``sentences`` different sentences about the topic, in a random order."""
    return " ".join(rng.sample(_sentences(rng, topic, place), sentences))


def _narrative(rng: random.Random, topic: str, place: str) -> str:
    link_text, url = rng.choice(LINKS)
    intro = _paragraph(rng, topic, place, 4)
    intro = intro.replace(topic.lower(), f"**{topic.lower()}**", 1)
    bullets = [f"- {rng.choice(VERBS).lower()} {rng.choice(THINGS)} in {rng.choice(PLACES)}, with "
               f"{rng.choice(GROUPS)} and their families;" for _ in range(3)]
    bullets.append(f"- report to the strategy group on {topic.lower()} every quarter.")
    closing = (_paragraph(rng, topic, place, 3) +
               f" More detail is available in [{link_text}]({url}).")
    return "\n\n".join([intro, "The partnership will:", "\n".join(bullets), closing]) + "\n"


def _context(data: dict) -> dict:
    """What generated priorities may refer to in ``data``: members, evidence, objectives, due dates."""
    start = dt.date.fromisoformat(data["period"]["start"])
    end = dt.date.fromisoformat(data["period"]["end"])
    return {
        "members": [m["id"] for m in data["partnership"]["members"]],
        "responsible": [m["id"] for m in data["partnership"]["members"]
                        if m["kind"] not in ("co_operating_body", "invited_participant",
                                             "police_and_crime_commissioner")],
        "evidence": [e["id"] for e in data.get("evidence", [])],
        "objectives": [o["id"] for o in (data.get("police_and_crime_plan") or {}).get("objectives", [])],
        "dues": _month_ends(start, end),
    }


def _priority(rng: random.Random, i: int, ctx: dict, actions: int, measures: int) -> dict:
    """The generated priority at index ``i`` (id ``p{i+1:02d}``)."""
    members, responsible, evidence, objectives, dues = (
        ctx["members"], ctx["responsible"], ctx["evidence"], ctx["objectives"], ctx["dues"])
    pid = f"p{i + 1:02d}"
    topic = TOPICS[i % len(TOPICS)]
    place = PLACES[(i // len(TOPICS)) % len(PLACES)]
    title = topic if i < len(TOPICS) else f"{topic} in {place}"
    strands = [STRANDS[i % len(STRANDS)]]
    if i % 3 == 0:
        extra = STRANDS[(i + 2) % len(STRANDS)]
        strands.append(extra)
    priority = {
        "id": pid,
        "title": title,
        "narrative": _narrative(rng, topic, place),
        "rationale": {
            "summary": (f"A priority because of the scale and harm of {topic.lower()} in {place}, "
                        f"shown in the strategic assessment and raised by residents in the survey."),
            "evidence": rng.sample(evidence, k=min(2, len(evidence))),
        },
        "statutory_strands": strands,
        "police_and_crime_objectives": rng.sample(objectives, k=min(2, len(objectives))),
        "lead": responsible[i % len(responsible)],
        "actions": [],
        "measures": [],
    }
    for a in range(actions):
        verb, thing, where, who = (rng.choice(VERBS), rng.choice(THINGS), rng.choice(PLACES), rng.choice(GROUPS))
        description = (f"{verb} {thing} to tackle {topic.lower()} in {where}, working with {who}, and report "
                       f"the results to the Joint Action Group.")
        if a % 7 == 3:
            description = description.replace(thing, f"**{thing}**", 1)
        priority["actions"].append({
            "id": f"{pid}-a{a + 1:02d}",
            "description": description,
            "owner": members[(i + a) % len(members)],
            "due": dues[(i * actions + a) % len(dues)],
            "status": STATUSES[(i + a) % len(STATUSES)],
        })
    for m in range(measures):
        direction = DIRECTIONS[(i + m) % len(DIRECTIONS)]
        baseline = rng.randrange(12, 1800)
        measure = {
            "id": f"{pid}-m{m + 1}",
            "indicator": f"{topic}: {rng.choice(INDICATORS)} in {rng.choice(PLACES)}",
            "unit": "per cent" if m == 4 else "count",
            "baseline": {"value": min(baseline, 95) if m == 4 else baseline, "period": "2023/24"},
            "target": {"direction": direction},
            "data_source": rng.choice(SOURCES),
        }
        if direction != "maintain":
            factor = 0.85 if direction == "decrease" else 1.15
            measure["target"]["value"] = round(measure["baseline"]["value"] * factor)
        if m % 2 == 0:
            measure["latest"] = {"value": round(measure["baseline"]["value"] * rng.uniform(0.8, 1.2)),
                                 "period": "April to June 2024"}
        priority["measures"].append(measure)
    return priority


def build_plan(priorities: int = 50, actions: int = 20, measures: int = 5, *,
               base: Path = BASE_PLAN, seed: int = 2024) -> dict:
    """The example plan with its priorities replaced by generated ones."""
    if priorities < 1:
        raise ValueError("a plan needs at least one priority")
    data = load_base(base)
    rng = random.Random(f"{seed}-{priorities}-{actions}-{measures}")
    ctx = _context(data)
    out = [_priority(rng, i, ctx, actions, measures) for i in range(priorities)]
    covered = {s for p in out for s in p["statutory_strands"]}
    out[-1]["statutory_strands"] += [s for s in STRANDS if s not in covered]  # only when priorities < 5
    data["priorities"] = out
    return data


# --- a later version of a plan, for the diff benchmark --------------------------------------------

STATUS_SHARE = 0.05     # share of the actions whose status changes
PER_TEN_PRIORITIES = 1  # narratives reworded, and measure targets changed, per ten priorities (at least one)
NEW_SENTENCES = [
    "Since the last review, partners have agreed to give this work a standing item at each meeting of the "
    "Joint Action Group.",
    "The six-monthly review found that progress has been slower than planned, so the partnership has asked "
    "for a fuller update at the next meeting.",
    "Feedback from residents at the autumn engagement events has been used to sharpen the actions below.",
    "Partners have since agreed to share more of their data, which will show more clearly where to act.",
]


def modify_plan(data: dict, *, seed: int = 2025) -> tuple[dict, dict]:
    """A later version of a generated plan, derived deterministically; and what was changed.

    Starting from a copy of ``data`` (a plan from :func:`build_plan`), it makes the
    changes a six-monthly review typically makes, each seen by ``cspplan diff``:

    * removes one action (the last one of the middle priority);
    * moves one action (the first of the first priority) to the end of the last priority,
      keeping its id (to the added priority when the plan has only one);
    * changes the status of about 5% of the other actions (at least one);
    * rewords the narrative of one priority in ten (at least one): a sentence is added to
      the first paragraph and one word of the last paragraph is changed;
    * makes the target value of one measure in ten priorities (at least one; counts, not
      percentages) more ambitious by about 5%;
    * adds one priority at the end, generated as :func:`build_plan` does, with the same
      numbers of actions and measures as the first.

    Statuses, narratives and targets are chosen with a generator seeded by ``seed`` and the
    plan's size, so the same plan always gives the same copy. The copy is schema-valid and
    raises no error against the law when ``data`` does not. Returns (the copy, a record of
    the changes: ids by kind of change) so that a benchmark can check the diff found them.
    """
    new = copy.deepcopy(data)
    ps = new["priorities"]
    n, actions, measures = len(ps), len(ps[0].get("actions") or []), len(ps[0].get("measures") or [])
    if actions < 2:
        raise ValueError("modify_plan needs at least two actions in each priority")
    rng = random.Random(f"{seed}-{n}-{actions}-{measures}")
    record: dict = {}

    added = _priority(random.Random(f"{seed}-added-{n}-{actions}-{measures}"), n, _context(new),
                      actions, measures)
    record["added_priority"] = added["id"]

    middle = ps[n // 2]
    removed = middle["actions"].pop()
    record["removed_action"] = removed["id"]

    moved = ps[0]["actions"].pop(0)
    target = ps[-1] if n > 1 else added
    target["actions"].append(moved)
    record["moved_action"] = {"id": moved["id"], "from": ps[0]["id"], "to": target["id"]}

    candidates = [(p, a) for p in ps for a in p["actions"] if a is not moved]
    share = max(1, round(STATUS_SHARE * sum(len(p["actions"]) for p in data["priorities"])))
    record["statuses"] = []
    for _, action in rng.sample(candidates, share):
        action["status"] = rng.choice([s for s in dict.fromkeys(STATUSES) if s != action["status"]])
        record["statuses"].append(action["id"])

    few = max(1, n * PER_TEN_PRIORITIES // 10)
    record["narratives"] = []
    for p in rng.sample(ps, few):
        paragraphs = p["narrative"].split("\n\n")
        first = paragraphs[0].split(". ")
        first.insert(1, rng.choice(NEW_SENTENCES).rstrip("."))
        paragraphs[0] = ". ".join(first)
        paragraphs[-1] = paragraphs[-1].replace(" will ", " shall ", 1)
        p["narrative"] = "\n\n".join(paragraphs)
        record["narratives"].append(p["id"])

    counted = [m for p in ps for m in p.get("measures") or []
               if "value" in m["target"] and m.get("unit") != "per cent"]
    record["targets"] = []
    for m in rng.sample(counted, min(few, len(counted))):
        old = m["target"]["value"]
        step = max(1, round(abs(old) * 0.05))
        m["target"]["value"] = old - step if m["target"]["direction"] == "decrease" else old + step
        record["targets"].append(m["id"])

    ps.append(added)
    return new, record


def write_modified(path: Path, data: dict, **kw) -> tuple[dict, dict]:
    """Write the later version of ``data`` (see :func:`modify_plan`) as YAML; return it and the record."""
    new, record = modify_plan(data, **kw)
    Path(path).write_text(dump_plan(new), encoding="utf-8")
    return new, record


def dump_plan(data: dict) -> str:
    header = ("# Synthetic plan for the render benchmark (bench/synthetic.py); not a real plan.\n")
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_plan(path: Path, priorities: int = 50, actions: int = 20, measures: int = 5, **kw) -> dict:
    """Write a synthetic plan as YAML; return its data."""
    data = build_plan(priorities, actions, measures, **kw)
    Path(path).write_text(dump_plan(data), encoding="utf-8")
    return data


# --- the same content as Markdown, for pandoc ---------------------------------------------------

def _long_date(text: str) -> str:
    day = dt.date.fromisoformat(text)
    return f"{day.day} {day.strftime('%B %Y')}"


def _cell(text) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(headers: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def _number(value, unit=None) -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return text + "%" if unit in ("per cent", "percent", "%") else text


def plan_markdown(data: dict) -> str:
    """The plan's content as one Markdown document (see the module docstring)."""
    out: list[str] = []
    members = {m["id"]: m["name"] for m in data["partnership"]["members"]}
    evidence = {e["id"]: e["title"] for e in data.get("evidence", [])}
    report = data.get("committee_report")
    if report:
        meeting = _long_date(report["meeting_date"])
        out += [f"# {report['title']}", "", f"Report to {report['committee']}, {meeting}", ""]
        recs = " ".join(f"{n}. {r}" for n, r in enumerate(report["recommendations"], 1))
        out += _table(["Item", "Detail"], [
            ["Title", report["title"]], ["Purpose of the report", report["purpose"].capitalize()],
            ["Report author", f"{report['author']['name']}, {report['author']['role']}"],
            ["Wards affected", ", ".join(report["wards_affected"])], ["Exempt", "Yes" if report["exempt"] else "No"],
            ["Corporate priorities", ", ".join(report["corporate_priorities"])],
            ["Recommendations", f"{report.get('recommendations_preamble', 'Committee is asked to:')} {recs}"],
            ["Reason for recommendation", report["reason_for_recommendation"]],
        ])
        for n, (name, paragraphs) in enumerate(report["sections"].items(), 1):
            out += [f"## {n}. {name.replace('_', ' ').capitalize()}", ""]
            if n == 1:
                for part, items in report["summary_box"].items():
                    out += [f"**{part.replace('_', ' ').capitalize()}**", ""] + [f"- {x}" for x in items] + [""]
            for p, text in enumerate(paragraphs, 1):
                out += [f"{n}.{p} {text.strip()}", ""]
        out += ["## Background papers", ""]
        out += [f"- {b['title']}" for b in report["background_papers"]] or ["There are none."]
        out += ["", "## Appendices", ""] + [f"- Appendix {a['label']}: {a['title']}" for a in report["appendices"]]
        out += ["", "```{=openxml}", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>', "```", ""]

    out += [f"# Appendix A: {data['title']}", "", f"**{data['partnership']['name']}**", ""]
    if data.get("summary"):
        out += ["## Summary", "", data["summary"].strip(), ""]
    if data.get("context"):
        out += ["## Context", "", data["context"].strip(), ""]
    out += ["## The partnership", "", data["partnership"].get("description", "").strip(), "", "### Members", ""]
    out += _table(["Member", "Role", "Represented by"],
                  [[m["name"], m["kind"].replace("_", " "), m.get("represented_by", "-")]
                   for m in data["partnership"]["members"]])
    out += ["## Statutory responsibilities", ""]
    out += _table(["Strategy", "Delivered by"],
                  [[s.replace("_", " ").capitalize(),
                    ", ".join(p["title"] for p in data["priorities"] if s in p.get("statutory_strands", [])) or "None"]
                   for s in STRANDS])
    out += ["## Our priorities", ""]
    for n, p in enumerate(data["priorities"], 1):
        out += [f"### Priority {n}: {p['title']}", "", f"**Lead:** {members.get(p['lead'], p['lead'])}", "",
                p["narrative"].strip(), ""]
        if p.get("rationale"):
            out += ["#### Why this is a priority", "", p["rationale"]["summary"].strip(), ""]
            if p["rationale"].get("evidence"):
                out += ["**Evidence:** " + "; ".join(evidence.get(e, e) for e in p["rationale"]["evidence"]) + ".", ""]
        out += ["#### What we will do", ""]
        out += _table(["Action", "Lead", "Due", "Status"],
                      [[a["description"], members.get(a["owner"], a["owner"]), _long_date(a["due"]),
                        a["status"].replace("_", " ").capitalize()] for a in p.get("actions", [])])
        out += ["#### How we will measure success", ""]
        rows = []
        for m in p.get("measures", []):
            unit = m.get("unit")
            base = f"{_number(m['baseline']['value'], unit)} ({m['baseline']['period']})" if m.get("baseline") else "-"
            latest = f"{_number(m['latest']['value'], unit)} ({m['latest']['period']})" if m.get("latest") else "-"
            target = m["target"]["direction"].capitalize()
            if "value" in m["target"]:
                target += f" to {_number(m['target']['value'], unit)}"
            rows.append([m["indicator"], base, target, latest, m["data_source"]])
        out += _table(["Indicator", "Baseline", "Target", "Latest", "Source"], rows)

    out += ["# Appendix B: Crime overview", ""]
    for p in data["priorities"]:
        if not p.get("measures"):
            continue
        out += [f"## {p['title']}", ""]
        out += _table(["Indicator", "Baseline", "Latest", "Source"],
                      [[m["indicator"], _number(m["baseline"]["value"], m.get("unit")) if m.get("baseline") else "-",
                        _number(m["latest"]["value"], m.get("unit")) if m.get("latest") else "-", m["data_source"]]
                       for m in p["measures"]])
    return "\n".join(out) + "\n"


def write_markdown(path: Path, data: dict) -> None:
    Path(path).write_text(plan_markdown(data), encoding="utf-8")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    copy_crime_data(out)
    for size in argv[1:] or ["50x20x5"]:
        p, a, m = (int(x) for x in size.split("x"))
        data = write_plan(out / f"synthetic-{size}.yaml", p, a, m)
        write_markdown(out / f"synthetic-{size}.md", data)
        write_modified(out / f"synthetic-{size}-modified.yaml", data)
        print(out / f"synthetic-{size}.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
