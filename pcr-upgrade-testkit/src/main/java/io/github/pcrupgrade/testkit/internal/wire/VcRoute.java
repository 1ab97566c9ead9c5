package io.github.pcrupgrade.testkit.internal.wire;

import java.util.Objects;

/**
 * What the router needs to know about a virtual cluster a connection asks for.
 *
 * @param name the VC's name
 * @param serviceMode its service mode; only {@link ServiceMode#SHARED} accepts connections
 * @param system true for the system VC (always accepts connections, whatever {@code serviceMode})
 */
public record VcRoute(String name, ServiceMode serviceMode, boolean system) {
  public VcRoute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(serviceMode, "serviceMode");
  }

  /** True when this server accepts SQL connections for the VC. */
  public boolean isServing() {
    return system || serviceMode == ServiceMode.SHARED;
  }
}
