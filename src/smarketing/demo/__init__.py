"""Sample data for ``smarketing demo``: invented HubSpot-style exports and their config."""
