"""Reading raw police.uk files: the area, the counts, repeats, gaps, zips, and bad input."""

from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from crimedata_helpers import FIXTURES, HEADER, independent_counts, street_file, street_row
from cspplan.crimedata import ASB, Area, read_police_data
from cspplan.errors import InputError

ALL_FILES = sorted(FIXTURES.rglob("*-street.csv"))


def located_counts(result) -> Counter:
    out: Counter = Counter()
    for cell in result.aggregate.cells:
        if cell.located:
            out[(cell.month, cell.crime_type)] += cell.count
    return out


def not_located_counts(result) -> Counter:
    out: Counter = Counter()
    for cell in result.aggregate.cells:
        if not cell.located:
            out[(cell.month, cell.crime_type)] += cell.count
    return out


def test_a_folder_is_counted_as_an_independent_count_of_its_rows():
    result = read_police_data([FIXTURES], Area(names=("Spelthorne",)))
    located, not_located = independent_counts(ALL_FILES, "Spelthorne")
    assert located_counts(result) == located
    assert not_located_counts(result) == not_located
    assert result.stats.rows == 16
    assert result.stats.files == 4


def test_the_neighbouring_forces_file_adds_its_crimes_in_the_area():
    result = read_police_data([FIXTURES], Area(names=("Spelthorne",)))
    assert located_counts(result)[("2023-01", "Vehicle crime")] == 1  # recorded by the Metropolitan Police


def test_the_area_name_matches_in_any_case_and_only_whole_district_names():
    upper = read_police_data([FIXTURES], Area(names=("SPELTHORNE",)))
    lower = read_police_data([FIXTURES], Area(names=("spelthorne",)))
    assert upper.aggregate == lower.aggregate
    # "On or near Spelthorne Lane" is in Tandridge: a street name is not an LSOA name
    assert all(c.lsoa_name.startswith("Spelthorne ") for c in upper.aggregate.cells if c.located)


def test_the_area_by_lsoa_codes_and_by_name_and_codes_together():
    by_code = read_police_data([FIXTURES], Area(codes=("e01030750",)))
    assert {c.lsoa_code for c in by_code.aggregate.cells if c.located} == {"E01030750"}
    union = read_police_data([FIXTURES], Area(names=("Runnymede",), codes=("E01030750",)))
    assert {c.lsoa_name for c in union.aggregate.cells if c.located} == {"Runnymede 004B", "Spelthorne 007C"}


def test_anti_social_behaviour_is_counted_apart_from_crime():
    stats = read_police_data([FIXTURES], Area(names=("Spelthorne",))).stats
    # ASB in Spelthorne: two in January, one in February, one in April (not-located ASB is not the area's)
    assert stats.asb == 4
    # crimes: Jan 2 violence + 1 burglary + 1 vehicle (Met); Feb 1 criminal damage (the burglary repeats); Apr 1 drugs
    assert stats.crimes == 6


def test_crimes_not_located_are_counted_per_month_not_dropped():
    result = read_police_data([FIXTURES], Area(names=("Spelthorne",)))
    assert not_located_counts(result) == Counter({("2023-01", "Other theft"): 1, ("2023-02", ASB): 1})
    assert result.stats.not_located == 2
    assert result.stats.outside_area == 16 - 10 - 2 - 1  # rows - in area - not located - repeated crime


def test_the_same_crime_id_twice_is_counted_once_and_reported():
    stats = read_police_data([FIXTURES], Area(names=("Spelthorne",))).stats
    assert stats.duplicates_skipped == 1
    assert "1 duplicate crimes skipped" in stats.summary()


def test_the_same_month_and_force_given_twice_is_skipped_whole_with_its_asb(tmp_path):
    copy = tmp_path / "second-download" / "2023-01"
    copy.mkdir(parents=True)
    shutil.copy(FIXTURES / "2023-01" / "2023-01-surrey-street.csv", copy)
    once = read_police_data([FIXTURES], Area(names=("Spelthorne",)))
    twice = read_police_data([FIXTURES, tmp_path / "second-download"], Area(names=("Spelthorne",)))
    assert twice.aggregate.cells == once.aggregate.cells  # ASB has no Crime ID: the file is skipped whole
    assert len(twice.stats.skipped_files) == 1
    assert "2023-01" in twice.stats.skipped_files[0][1]


def test_a_renamed_file_is_recognised_by_its_first_row(tmp_path):
    shutil.copy(FIXTURES / "2023-01" / "2023-01-surrey-street.csv", tmp_path / "download.csv")
    result = read_police_data([FIXTURES / "2023-01" / "2023-01-surrey-street.csv", tmp_path / "download.csv"],
                              Area(names=("Spelthorne",)))
    assert len(result.stats.skipped_files) == 1
    assert result.stats.asb == 2


def test_a_missing_month_is_reported_and_not_shown_as_zero():
    result = read_police_data([FIXTURES], Area(names=("Spelthorne",)))
    assert result.stats.missing_months == ("2023-03",)
    assert "2023-03" not in result.aggregate.months
    assert "missing months: 2023-03" in result.stats.summary()


def test_quoted_files_are_read_with_the_csv_module_and_give_the_same_counts(tmp_path):
    plain = street_file(tmp_path / "a" / "2023-01-surrey-street.csv",
                        [street_row(1), street_row(2, crime_type=ASB), street_row(3, name="Runnymede 001A",
                                                                                  lsoa="E01030700")])
    quoted = tmp_path / "b" / "2023-01-surrey-street.csv"
    quoted.parent.mkdir()
    text = plain.read_text().replace("On or near High Street", '"On or near High Street, Staines"')
    quoted.write_text(text)
    a = read_police_data([plain], Area(names=("Spelthorne",)))
    b = read_police_data([quoted], Area(names=("Spelthorne",)))
    assert a.aggregate.cells == b.aggregate.cells and a.stats.rows == b.stats.rows == 3


def test_crlf_line_ends_and_a_byte_order_mark_are_read(tmp_path):
    plain = street_file(tmp_path / "2023-01-surrey-street.csv", [street_row(1), street_row(2)])
    crlf = tmp_path / "crlf" / "2023-01-surrey-street.csv"
    crlf.parent.mkdir()
    crlf.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes().replace(b"\n", b"\r\n"))
    assert read_police_data([crlf], Area(names=("Spelthorne",))).stats.crimes == 2


# -- zip archives -----------------------------------------------------------------------------

def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zip_is_read_in_place_with_the_same_counts_as_the_folder(tmp_path):
    archive = _zip(tmp_path / "police.zip", {str(p.relative_to(FIXTURES)): p.read_bytes() for p in ALL_FILES})
    from_zip = read_police_data([archive], Area(names=("Spelthorne",)))
    from_folder = read_police_data([FIXTURES], Area(names=("Spelthorne",)))
    assert from_zip.aggregate.cells == from_folder.aggregate.cells
    assert sorted(p.name for p in tmp_path.iterdir()) == ["police.zip"]  # nothing unpacked


def test_zip_members_with_absolute_or_parent_paths_are_ignored(tmp_path):
    good = (FIXTURES / "2023-02" / "2023-02-surrey-street.csv").read_bytes()
    evil = (FIXTURES / "2023-01" / "2023-01-surrey-street.csv").read_bytes()
    archive = _zip(tmp_path / "police.zip", {"2023-02/2023-02-surrey-street.csv": good,
                                             "../2023-01-surrey-street.csv": evil,
                                             "/tmp/2023-01-metropolitan-street.csv": evil})
    result = read_police_data([archive], Area(names=("Spelthorne",)))
    assert result.aggregate.months == ("2023-02",)
    assert len(result.stats.unsafe_members) == 2


def test_a_zip_bomb_member_is_refused_before_it_is_inflated(tmp_path):
    bomb = HEADER.encode() + b"\n" + b"0" * (8 * 1024 * 1024)
    archive = _zip(tmp_path / "police.zip", {"2023-01/2023-01-surrey-street.csv": bomb})
    with pytest.raises(InputError, match="zip bomb"):
        read_police_data([archive], Area(names=("Spelthorne",)))


def test_a_zip_member_declaring_an_absurd_size_is_refused(tmp_path, monkeypatch):
    from cspplan.crimedata import sources

    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 1000)  # the real limit is 2 GB: too big to build here
    path = tmp_path / "police.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("2023-01/2023-01-surrey-street.csv", HEADER + "\n" + street_row(1) * 20)
    with pytest.raises(InputError, match="declares .* bytes, more than any police.uk file"):
        read_police_data([path], Area(names=("Spelthorne",)))


def test_a_zip_with_no_street_files_is_refused(tmp_path):
    archive = _zip(tmp_path / "police.zip", {"2023-01/2023-01-surrey-outcomes.csv": b"x"})
    with pytest.raises(InputError, match="no police.uk street files"):
        read_police_data([archive], Area(names=("Spelthorne",)))


# -- bad input --------------------------------------------------------------------------------

def test_an_area_that_matches_nothing_suggests_the_districts_in_the_data():
    with pytest.raises(InputError, match="'Spelthrone' matches no LSOA.*did you mean 'Spelthorne'"):
        read_police_data([FIXTURES], Area(names=("Spelthrone",)))


def test_no_area_is_refused():
    with pytest.raises(InputError, match="give the area"):
        read_police_data([FIXTURES], Area())


@pytest.mark.parametrize("content, message", [
    (b"month,lsoa_code\n2023-01,E01030727\n", "row 1 is 'month,lsoa_code', not police.uk's street-level header"),
    ((HEADER + "\n" + street_row(1)).encode("utf-16"), "UTF-16, not UTF-8"),
    ((HEADER + "\n" + street_row(1, name="Spelthorne 001A") + "\n").encode().replace(b"High", b"H\xf6gh"),
     "row 2 is not UTF-8"),
    ((HEADER + "\n" + street_row(1) + "\n" + street_row(2)[:90]).encode(),
     "row 3 has 4 fields, not 12: the file looks truncated"),
    ((HEADER + "\n" + street_row(1, month="2023-13") + "\n").encode(), "row 2: '2023-13' is not a month"),
    ((HEADER + "\n" + street_row(1, crime_type="Arson") + "\n").encode(), "row 2: 'Arson' is not a police.uk"),
    (b"", "the file is empty"),
])
def test_bad_street_files_are_one_line_naming_file_and_row(tmp_path, content, message):
    path = tmp_path / "2023-01-surrey-street.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_police_data([path], Area(names=("Spelthorne",)))
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)


def test_a_truncated_row_in_a_quoted_file_is_found_too(tmp_path):
    path = tmp_path / "2023-01-surrey-street.csv"
    path.write_text(HEADER + "\n" + street_row(1).replace("High Street", '"High Street"') + "\n"
                    + street_row(2)[:70] + "\n")
    with pytest.raises(InputError, match="row 3 has"):
        read_police_data([path], Area(names=("Spelthorne",)))
