"""A build of one edition without MkDocs: the engine's tree of pages, navigation and theme settings,
its caches between rebuilds, and the policy every written page carries."""
