"""Markers of the writer's stance: conditionals, hedges, quotations; each a pure function of tables."""
