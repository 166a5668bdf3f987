"""The built-in adapters: ``csv``, ``hubspot`` and ``records``, each a plugin like any other."""
