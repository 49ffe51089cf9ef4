"""Scripts run by make targets: the audit, the build comparison, the tile positions,
and the site server the audit and the browser tests share."""
