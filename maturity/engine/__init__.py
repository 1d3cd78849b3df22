"""The arithmetic of the method: answers checked, relevance, scores, norms, road map, the session."""
