"""Everything that touches Stanza: model resolution, the pipeline, the parse cache, training."""
