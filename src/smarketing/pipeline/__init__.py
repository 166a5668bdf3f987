"""How records are read: adapters found, one pass, in parts, the deal store."""
