"""Helpers shared by the tests (paths, copies of the project, the browser, the site checks);
nothing outside tests/ imports them."""
