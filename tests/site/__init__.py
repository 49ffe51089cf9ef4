"""Real builds of the site, and the browser."""
