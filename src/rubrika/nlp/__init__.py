"""Indonesian language processing: lean pipeline, layout, normalisation, sentences."""
