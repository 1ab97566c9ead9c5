package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.jdbc.ClusterConnectionSettings;
import io.github.pcrupgrade.jdbc.CockroachCluster;
import io.github.pcrupgrade.json.JsonDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
      return new DeploymentSnapshot(p.inspector().inspect(), s.inspector().inspect())
          .withInferredReplicatedVersions();
    }
  }

  CockroachCluster connect(CliContext ctx, String name, String url, ClusterRole role) {
    return CockroachCluster.builder(settings(ctx, name, url), role).clock(ctx.clock()).build();
  }

  /** The connection settings of one live cluster: its URL, the password from the environment. */
  ClusterConnectionSettings settings(CliContext ctx, String name, String url) {
    String envPassword = ctx.env().get(passwordEnv);
    ClusterConnectionSettings.Builder b = ClusterConnectionSettings.builder(name)
        .appVirtualCluster(appVc);
    if (envPassword != null) {
      b.password(() -> envPassword);
    }
    b.url(url);
    return b.build();
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
      return JsonDocuments.readState(text);
    } catch (PcrUpgradeException e) {
      throw new PcrUpgradeException(e.code(), "state file " + file + ": " + e.getMessage(), e);
    }
  }
}
