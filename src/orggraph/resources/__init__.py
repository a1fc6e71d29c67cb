"""Reference data below the county level: townships, villages and former division names."""
