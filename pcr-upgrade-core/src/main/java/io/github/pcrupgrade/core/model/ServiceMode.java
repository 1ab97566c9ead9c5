package io.github.pcrupgrade.core.model;

import java.util.Locale;

/** The service mode of a virtual cluster, as {@code SHOW VIRTUAL CLUSTERS} prints it. */
public enum ServiceMode {
  /** Not serving SQL: the replicating VC, a stopped VC. */
  NONE,
  /** Served by every node's shared process. */
  SHARED,
  /** Served by external SQL processes. */
  EXTERNAL,
  /** Stopping; wait until it reaches NONE before DROP. */
  STOPPING;

  /**
   * The product's spelling.
   *
   * @return the constant's name in lower case ({@code shared}), as {@code SHOW VIRTUAL CLUSTERS}
   *     prints it
   */
  public String sql() {
    return name().toLowerCase(Locale.ROOT);
  }
}
