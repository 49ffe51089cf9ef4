"""The record as data: JSON, CSV, iCalendar, an Atom feed and a data package, made from
validated records.

Every export is a plain function of the dataset, the site's settings and the dates the
records last changed; none is kept by hand. Absolute URLs (ids, UIDs, links) come from
``SiteSettings.site_url``.
"""

from .calendar import CalendarExport
from .csv_files import CsvExport
from .datapackage import DataPackageExport
from .feed import FeedExport
from .json_file import JsonExport

__all__ = ["Exporter"]


class Exporter(JsonExport, CsvExport, CalendarExport, FeedExport, DataPackageExport):
    """Serialises one dataset in each published form: one part a format."""
