"""The tests; the checks they share report failures as the test files do."""

import pytest

pytest.register_assert_rewrite("tests.site_checks")
