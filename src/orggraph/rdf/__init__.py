"""RDF: the vocabulary, identity-derived IRIs and the pure graph builder."""
