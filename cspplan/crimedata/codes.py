"""The codes of findings about a crime-data aggregate file (``CRIME-...``).

:func:`cspplan.crimedata.aggregate.load_aggregate` reports each problem with one of these;
:mod:`cspplan.codes` registers them as the ``crime`` family, so that ``cspplan explain
CRIME-MONTH`` and docs/rules.md describe them like every other code.
"""

from __future__ import annotations

from dataclasses import dataclass

from cspplan.findings import Severity


@dataclass(frozen=True)
class CrimeCheck:
    """One check on the aggregate file: its code, how serious, what and why, and examples."""

    code: str
    severity: Severity
    summary: str
    explanation: str
    fix: str
    fails: str
    passes: str
    example_language: str = "csv"


_HEADER_LINE = "month,lsoa_code,lsoa_name,crime_type,count"

CHECKS = (
    CrimeCheck(
        "CRIME-FILE", Severity.ERROR,
        "The aggregate file can be read: it exists and is UTF-8 text.",
        "The aggregate is a plain CSV file written by 'cspplan aggregate'. A file that cannot be opened, or "
        "whose bytes are not UTF-8 (for example saved as UTF-16 or Latin-1 by a spreadsheet), cannot be read "
        "as counts, so nothing in it is used.",
        "write the file again with 'cspplan aggregate', or save it as UTF-8 CSV",
        "(the file saved from a spreadsheet as 'Unicode Text', UTF-16)",
        "(the file as 'cspplan aggregate' wrote it: UTF-8)", "text"),
    CrimeCheck(
        "CRIME-HEADER", Severity.ERROR,
        "The first line is the aggregate's header, month,lsoa_code,lsoa_name,crime_type,count.",
        "The columns are read by position and the header says which is which. A different header usually "
        "means a different file (a raw police.uk file, or a table from another source) was given where the "
        "aggregate was expected; its rows would be counted wrongly, so none are used.",
        "give the file written by 'cspplan aggregate', or correct the first line",
        "Crime ID,Month,Reported by,Falls within,...   # a raw police.uk file",
        _HEADER_LINE),
    CrimeCheck(
        "CRIME-ROW", Severity.ERROR,
        "Every row has exactly five fields.",
        "A row with more or fewer fields than the header (a line cut short, or an unquoted comma) cannot be "
        "read safely, so it is not counted.",
        "give the row five fields, quoting any that hold a comma",
        "2023-01,E01030727,Spelthorne 001A,Burglary",
        "2023-01,E01030727,Spelthorne 001A,Burglary,3"),
    CrimeCheck(
        "CRIME-MONTH", Severity.ERROR,
        "Every month is written YYYY-MM and is a real month.",
        "Counts are grouped and compared by month; a month that is not YYYY-MM (2023-1, Jan 2023, 2023-13) "
        "cannot be placed in the trend or in a 12-month window.",
        "write the month as YYYY-MM, e.g. 2023-01",
        "2023-1,E01030727,Spelthorne 001A,Burglary,3",
        "2023-01,E01030727,Spelthorne 001A,Burglary,3"),
    CrimeCheck(
        "CRIME-LSOA", Severity.ERROR,
        "An LSOA code is an ONS code (E01... or W01...) with its name; both are empty for crimes not located.",
        "Areas are picked and ranked by LSOA. A code that is not an ONS LSOA code, a code without its name, "
        "or a name without its code cannot be matched to a place. Rows for crimes police.uk could not locate "
        "leave both empty and are shown as 'not located'.",
        "copy the LSOA code and name from the police.uk file, or leave both empty for not located",
        "2023-01,E0103072,Spelthorne 001A,Burglary,3",
        "2023-01,E01030727,Spelthorne 001A,Burglary,3\n2023-01,,,Burglary,1"),
    CrimeCheck(
        "CRIME-TYPE", Severity.ERROR,
        "Every crime type is one of police.uk's 14 categories, spelt as police.uk spells it.",
        "The overview adds crime types up into total crime and keeps anti-social behaviour apart; a type it "
        "does not know (a typing slip, a renamed category) would be counted nowhere or in the wrong place.",
        "use one of police.uk's categories, e.g. 'Violence and sexual offences'",
        "2023-01,E01030727,Spelthorne 001A,Violence,3",
        "2023-01,E01030727,Spelthorne 001A,Violence and sexual offences,3"),
    CrimeCheck(
        "CRIME-COUNT", Severity.ERROR,
        "Every count is a whole number of at least 1.",
        "A count is how many crimes or incidents of one type were recorded in one LSOA in one month. A count "
        "that is not a whole number, or is negative, is a mistake; zero counts are not written.",
        "write the count as a whole number, e.g. 3",
        "2023-01,E01030727,Spelthorne 001A,Burglary,-2",
        "2023-01,E01030727,Spelthorne 001A,Burglary,2"),
    CrimeCheck(
        "CRIME-DUPLICATE", Severity.ERROR,
        "Each (month, LSOA, crime type) appears on one row only.",
        "Two rows for the same month, LSOA and crime type mean the data was joined twice (two overlapping "
        "downloads, or a copy pasted in); adding them up would count the same crimes twice.",
        "keep one row for each month, LSOA and crime type ('cspplan aggregate' writes them so)",
        "2023-01,E01030727,Spelthorne 001A,Burglary,3\n2023-01,E01030727,Spelthorne 001A,Burglary,3",
        "2023-01,E01030727,Spelthorne 001A,Burglary,3"),
    CrimeCheck(
        "CRIME-GAP", Severity.WARNING,
        "No month is missing between the first and the last month of the data.",
        "A month with no rows at all between the first and the last is a month that was not downloaded, not "
        "a month without crime. It is reported and left out of the trend, never shown as zero, and any "
        "12-month comparison that would include it is not made.",
        "download the missing month from police.uk and run 'cspplan aggregate' again",
        "rows for 2023-01 and 2023-03 but none for 2023-02",
        "rows for every month from 2023-01 to 2023-12", "text"),
    # The plan's crime_data (cspplan.crimeplan): found in the plan file, or about the data against the plan.
    CrimeCheck(
        "CRIME-AGGREGATE", Severity.ERROR,
        "The plan's crime_data.aggregate names an aggregate file that exists, in the plan's folder or below it.",
        "The aggregate is read relative to the folder of the plan file, so that the plan and its data move "
        "together and any checkout renders the same paper. An absolute path, a web address or a path that "
        "leaves the plan's folder (..) would make the paper depend on one machine, or read a file the plan "
        "has no business reading, so it is refused; a file that does not exist cannot give figures.",
        "write the path of the file 'cspplan aggregate' wrote, relative to the plan's folder, e.g. "
        "spelthorne-crime-2023.csv",
        "crime_data:\n  aggregate: /home/officer/Downloads/spelthorne.csv",
        "crime_data:\n  aggregate: spelthorne-crime-2023.csv", "yaml"),
    CrimeCheck(
        "CRIME-AREA", Severity.ERROR,
        "The aggregate holds crime for the plan's area (its districts or LSOA codes).",
        "The overview shows only the LSOAs of the partnership's area: those of the districts named in "
        "crime_data.districts (the area's name when left out) and the LSOAs in crime_data.lsoa_codes. An "
        "aggregate with none of them was made for another area, or the district is spelt differently from "
        "police.uk's LSOA names.",
        "name the district as police.uk's LSOA names do (e.g. 'Spelthorne' for 'Spelthorne 001A'), or make "
        "the aggregate again with 'cspplan aggregate --area NAME'",
        "area: {name: Spelthorne Borough, ...}\ncrime_data: {aggregate: spelthorne-crime-2023.csv}",
        "area: {name: Spelthorne Borough, ...}\ncrime_data: {aggregate: spelthorne-crime-2023.csv, "
        "districts: [Spelthorne]}", "yaml"),
    CrimeCheck(
        "CRIME-STALE", Severity.WARNING,
        "The latest month of crime data is at most 12 months before the plan's date.",
        "police.uk publishes each month about two months after it ends. Data whose latest month is more than "
        "a year before the plan's date (its approval, meeting or last review) shows members an out-of-date "
        "picture of crime; the paper says which months it covers, but newer data is usually available.",
        "download the latest months from police.uk and run 'cspplan aggregate' again",
        "approval: {date: 2025-11-20}   # and data up to 2023-12",
        "approval: {date: 2024-09-24}   # and data up to 2023-12", "yaml"),
    CrimeCheck(
        "CRIME-SHORT", Severity.INFO,
        "The crime data covers at least 24 months, so this year can be compared with last year.",
        "The overview compares the latest 12 months with the 12 before only when both are complete, like for "
        "like. With fewer months it shows the figures without a comparison and says so; this note says why "
        "there is no 'change' column in Appendix B.",
        "aggregate 24 months or more of police.uk data for a year-on-year comparison",
        "months 2023-01 to 2023-12 (12 months)", "months 2022-01 to 2023-12 (24 months)", "text"),
    CrimeCheck(
        "CRIME-UNREAD", Severity.INFO,
        "A plan given as text (standard input) has its crime data checked when the plan file itself is checked.",
        "The aggregate is found relative to the folder of the plan file. A plan read from standard input or "
        "from a git revision has no folder, so its aggregate is not read and not checked.",
        "run 'cspplan validate' on the plan file itself",
        "cat plans/plan.yaml | cspplan validate -", "cspplan validate plans/plan.yaml", "text"),
)

CODES = {check.code: check for check in CHECKS}
"""Every ``CRIME-`` code, by id."""
