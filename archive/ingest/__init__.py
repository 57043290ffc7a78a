"""Raw page → clean → split → tag: the ingest pipeline, one pure step per module."""
