"""The measuring core: records counted in one pass, the actuals, the SLA and its evaluation."""
