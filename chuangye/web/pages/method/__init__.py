"""口径与方法 Method page: what every number means, read from the configuration."""
