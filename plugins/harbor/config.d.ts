export interface Config {
  /** Frontend settings of the Harbor plugin. */
  harbor?: {
    /**
     * Where the registry runbook lives; the registry-health card links to it.
     * Defaults to the TechDocs of the container-registry system.
     * @visibility frontend
     */
    runbookUrl?: string;
  };
}
