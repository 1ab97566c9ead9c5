package io.github.pcrupgrade.jdbc.internal;

import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.VersionFormatException;
import java.util.Optional;

/**
 * What the adapters learn about a server at connection time from its {@code crdb_version}
 * parameter status ({@code CockroachDB CCL v25.4.3 (x86_64-pc-linux-gnu, built ..., go...)}).
 *
 * @param buildString the full parameter value
 * @param binary the parsed binary version, when the tag is a release tag
 */
public record ServerInfo(String buildString, Optional<BinaryVersion> binary) {

  /** Parses the build string: the token after {@code CockroachDB <distribution> }. */
  public static ServerInfo parse(String buildString) {
    String[] parts = buildString.trim().split("\\s+");
    Optional<BinaryVersion> v = Optional.empty();
    if (parts.length >= 3 && parts[0].equals("CockroachDB")) {
      try {
        v = Optional.of(BinaryVersion.parse(parts[2]));
      } catch (VersionFormatException e) {
        v = Optional.empty();
      }
    }
    return new ServerInfo(buildString, v);
  }
}
