package io.github.pcrupgrade.core.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * One broken rule, located precisely.
 *
 * @param code which rule
 * @param severity how serious (the code's severity)
 * @param cluster the cluster concerned (empty name only for target problems)
 * @param virtualCluster the VC concerned, if any
 * @param nodeId the node concerned, if any
 * @param message what is wrong, naming the cluster, VC, node and versions
 * @param remediation what to do about it
 * @param source the documentation page the rule rests on
 */
public record Violation(
    RuleCode code,
    Severity severity,
    String cluster,
    Optional<String> virtualCluster,
    Optional<Integer> nodeId,
    String message,
    String remediation,
    String source) {

  public Violation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(virtualCluster, "virtualCluster");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(remediation, "remediation");
    Objects.requireNonNull(source, "source");
  }

  /** A violation of {@code code} with the code's own severity and source. */
  public static Violation of(
      RuleCode code, String cluster, String virtualCluster, Integer nodeId, String message,
      String remediation) {
    Objects.requireNonNull(code, "code");
    return new Violation(code, code.severity(), cluster, Optional.ofNullable(virtualCluster),
        Optional.ofNullable(nodeId), message, remediation, code.source());
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return severity + " " + code + ": " + message + " -> " + remediation;
  }
}
