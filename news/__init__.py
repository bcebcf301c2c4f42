"""News and events on migration and integration, with feeds."""
