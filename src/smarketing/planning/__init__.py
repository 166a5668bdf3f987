"""The planning core: from a revenue goal to the leads, month by month and source by source."""
