package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.jdbc.ClusterConnectionSettings;
import io.github.pcrupgrade.jdbc.CockroachCluster;
import io.github.pcrupgrade.json.JsonDocuments;
import io.github.pcrupgrade.json.JsonErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where a command reads the deployment from: a state file ({@code --state}) or the live clusters
 * ({@code --primary URL --standby URL}). Passwords come from the URL or from an environment
 * variable, never from a flag, and are never printed.
 */
final class DeploymentSource {

  @Option(names = "--state", paramLabel = "FILE",
      description = "Read the deployment from a state file (docs/state-file.md).")
  Path state;

  @Option(names = "--primary", paramLabel = "URL",
      description = "The primary cluster's URL (postgresql://user@host:26257/defaultdb?sslmode=...).")
  String primaryUrl;

  @Option(names = "--standby", paramLabel = "URL", description = "The standby cluster's URL.")
  String standbyUrl;

  @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "PCR_UPGRADE_PASSWORD",
      description = "Environment variable holding the password when the URL has none"
          + " (default ${DEFAULT-VALUE}).")
  String passwordEnv;

  @Option(names = "--app-vc", paramLabel = "NAME", defaultValue = "main",
      description = "The replicated application VC (default ${DEFAULT-VALUE}).")
  String appVc;

  /** True when live URLs were given. */
  boolean isLive() {
    return primaryUrl != null || standbyUrl != null;
  }

  DeploymentSnapshot load(CliContext ctx) {
    if (state != null && isLive()) {
      throw new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS,
          "give either --state FILE or --primary URL --standby URL, not both");
    }
    if (state != null) {
      return readState(state);
    }
    if (primaryUrl == null || standbyUrl == null) {
      throw new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS,
          "give --state FILE, or both --primary URL and --standby URL");
    }
    try (CockroachCluster p = connect(ctx, "primary", primaryUrl, ClusterRole.PRIMARY);
        CockroachCluster s = connect(ctx, "standby", standbyUrl, ClusterRole.STANDBY)) {
      return displaySafe(new DeploymentSnapshot(p.inspector().inspect(), s.inspector().inspect())
          .withInferredReplicatedVersions());
    }
  }

  CockroachCluster connect(CliContext ctx, String name, String url, ClusterRole role) {
    String envPassword = ctx.env().get(passwordEnv);
    ClusterConnectionSettings.Builder b = ClusterConnectionSettings.builder(name)
        .appVirtualCluster(appVc);
    if (envPassword != null) {
      b.password(() -> envPassword);
    }
    b.url(url);
    return CockroachCluster.builder(b.build(), role).clock(ctx.clock()).build();
  }

  /**
   * The snapshot with the free text a state file or a server may carry (cluster names, node
   * addresses and localities) escaped, so that a line feed or a terminal escape in it is printed as {@code \n}
   * or {@code \x1b}, never acted on. (VC names need no escaping: the model accepts only
   * a-z, 0-9 and '-'.)
   */
  private static DeploymentSnapshot displaySafe(DeploymentSnapshot s) {
    return new DeploymentSnapshot(displaySafe(s.primary()), displaySafe(s.standby()));
  }

  private static ClusterSnapshot displaySafe(ClusterSnapshot c) {
    List<NodeInfo> nodes = c.nodes().stream().map(n -> new NodeInfo(n.id(),
        SafeText.escape(n.address()), SafeText.escape(n.locality()), n.binary(), n.liveness(),
        n.draining())).toList();
    return new ClusterSnapshot(SafeText.escape(c.name()), c.role(), nodes, c.virtualClusters(),
        c.health(), c.observedAt(), c.clusterId());
  }

  static DeploymentSnapshot readState(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new PcrUpgradeException(CliErrorCode.FILE_ERROR, "state file " + file
          + " does not exist");
    } catch (IOException e) {
      throw new PcrUpgradeException(CliErrorCode.FILE_ERROR, "cannot read state file " + file
          + ": " + e.getMessage(), e);
    }
    try {
      return displaySafe(JsonDocuments.readState(text));
    } catch (PcrUpgradeException e) {
      throw new PcrUpgradeException(e.code(), "state file " + file + ": " + e.getMessage(), e);
    } catch (NullPointerException e) {
      // A null where the schema needs a value (a list entry, for example) that no check above
      // named: still the file's fault, never an internal error.
      throw new PcrUpgradeException(JsonErrorCode.MALFORMED_DOCUMENT, "state file " + file
          + " is not a valid state: a required value is null (a list entry or a field); compare"
          + " it with docs/state-file.md", e);
    }
  }
}
