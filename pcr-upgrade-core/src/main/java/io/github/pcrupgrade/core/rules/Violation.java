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

  /**
   * Checks that no component is null.
   *
   * @param code not null
   * @param severity not null
   * @param cluster not null; empty only for target problems
   * @param virtualCluster not null; may be empty
   * @param nodeId not null; may be empty
   * @param message not null
   * @param remediation not null
   * @param source not null
   */
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

  /**
   * A violation of {@code code} with the code's own severity and source.
   *
   * @param code the rule broken
   * @param cluster the cluster's name; empty only for target problems
   * @param virtualCluster the VC's name; null when the violation is not about one VC
   * @param nodeId the node's id; null when the violation is not about one node
   * @param message what is wrong, naming the cluster, VC, node and versions
   * @param remediation what to do about it
   * @return the violation, of severity {@code code.severity()} and source {@code code.source()}
   */
  public static Violation of(
      RuleCode code, String cluster, String virtualCluster, Integer nodeId, String message,
      String remediation) {
    Objects.requireNonNull(code, "code");
    return new Violation(code, code.severity(), cluster, Optional.ofNullable(virtualCluster),
        Optional.ofNullable(nodeId), message, remediation, code.source());
  }

  /**
   * Whether this is an error.
   *
   * @return true for severity {@link Severity#ERROR}
   */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return severity + " " + code + ": " + message + " -> " + remediation;
  }
}
