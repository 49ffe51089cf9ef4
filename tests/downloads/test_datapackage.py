"""The data package: ``frictionless validate`` passes on the built one, fails on a broken copy."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cis_consultations.core.contract import CONSULTATION_SCHEMA, field_description, schema_version

from ..support.project import ROOT

pytestmark = pytest.mark.build

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def frictionless_validate(folder: Path) -> subprocess.CompletedProcess[str]:
    """The command a data user runs, in the folder of the descriptor."""
    return subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", "datapackage.json"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def descriptor(site: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((site / "data/datapackage.json").read_text("utf-8"))
    return loaded


def test_frictionless_validates_the_built_package(built_site: Path) -> None:
    result = frictionless_validate(built_site / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["valid"] is True
    assert {task["name"] for task in report["tasks"]} == {
        "consultations-json",
        "consultations",
        "participation",
        "sources",
    }


def test_frictionless_fails_on_a_broken_csv(built_site: Path, tmp_path: Path) -> None:
    """A number that is not a number, and a status outside the vocabulary, are found."""
    folder = tmp_path / "data"
    shutil.copytree(built_site / "data", folder)
    path = folder / "consultations.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    rows[0]["number"] = "third"
    rows[1]["status"] = "maybe"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), "utf-8")
    result = frictionless_validate(folder)
    assert result.returncode != 0
    report = json.loads(result.stdout)
    assert report["valid"] is False
    errors = [
        (error["type"], error["fieldName"], error["rowNumber"])
        for task in report["tasks"]
        for error in task["errors"]
    ]
    assert errors == [("type-error", "number", 2), ("constraint-error", "status", 3)]


def test_the_descriptor_describes_every_column_with_the_schema_s_words(built_site: Path) -> None:
    package = descriptor(built_site)
    assert package["version"] == package["schema_version"] == schema_version()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert [licence["name"] for licence in package["licenses"]] == [pyproject["project"]["license"]]
    assert "comes from a source it cites" in package["description"]
    for resource in package["resources"]:
        if resource["format"] != "csv":
            continue
        header = (built_site / "data" / resource["path"]).read_text("utf-8").splitlines()[0]
        fields = resource["schema"]["fields"]
        assert [field["name"] for field in fields] == header.split(","), resource["name"]
        assert all(field["description"] for field in fields), resource["name"]
    records = package["resources"][1]["schema"]["fields"]
    by_name = {field["name"]: field for field in records}
    assert by_name["title"]["description"] == field_description(CONSULTATION_SCHEMA, "title")
    assert by_name["date_earliest"]["type"] == "date"
    assert by_name["number"]["type"] == "integer"


def test_the_json_file_has_the_shape_the_descriptor_gives(built_site: Path) -> None:
    """frictionless 5 does not check a JSON resource's ``jsonSchema``: checked here."""
    (resource,) = [item for item in descriptor(built_site)["resources"] if item["format"] == "json"]
    document = json.loads((built_site / "data" / resource["path"]).read_text("utf-8"))
    jsonschema.validate(document, resource["jsonSchema"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**document, "schema_version": "0"}, resource["jsonSchema"])
