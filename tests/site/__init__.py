"""The whole site: real builds, the browser, search, and the files around the site."""
