package io.github.pcrupgrade.core.preflight;

import io.github.pcrupgrade.core.catalog.UpgradePath;
import io.github.pcrupgrade.core.model.Licence;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The licence of one cluster judged against the planned path (crdb-pcr-sql-facts 11.3). A pure
 * function: no I/O, time passed in.
 *
 * <ul>
 *   <li>A hop into 24.3 finalizes only with a licence installed, and, under a licence that requires
 *       telemetry (Free, Trial), with {@code diagnostics.reporting.enabled} on in every VC being
 *       finalized; otherwise the product refuses the finalization after every node has been
 *       restarted ({@code upgrade blocked: ...}): FAIL. Single-node clusters are exempt, as in the
 *       product.
 *   <li>Throttling ({@code XXC02} beyond 5 concurrent transactions) that is due or near: WARN.
 *   <li>A licence that cannot be read, or a telemetry setting that cannot be read where it
 *       matters: WARN, never FAIL.
 * </ul>
 */
public final class LicencePrecondition {

  /** The only series whose finalization is blocked by the licence in the product's code. */
  public static final ReleaseSeries BLOCKING_SERIES = ReleaseSeries.of(24, 3);

  /** How soon before expiry (or throttling) a WARN is given. */
  public static final Duration NEAR = Duration.ofDays(30);

  static final String FACT = "crdb-pcr-sql-facts 11.3";

  private LicencePrecondition() {}

  /** True when {@code path} has a hop whose target is 24.3, i.e. finalizes a cluster to 24.3. */
  public static boolean finalizesBlockingSeries(UpgradePath path) {
    return path.hops().stream().anyMatch(h -> h.to().equals(BLOCKING_SERIES));
  }

  /**
   * The licence checks of one cluster.
   *
   * @param cluster the cluster's display name
   * @param reading what {@code enterprise.license} gave
   * @param telemetry {@code diagnostics.reporting.enabled} of each VC that a hop finalizes by SQL,
   *     by VC name; an empty value when it could not be read
   * @param memberNodes the cluster's member nodes (1 = single-node, exempt from the precondition)
   * @param finalizesTo243 whether the planned path finalizes this cluster to 24.3
   * @param now the current time, for expiry and throttling
   */
  public static List<PreflightCheck> check(String cluster, LicenceReading reading,
      Map<String, Optional<Boolean>> telemetry, int memberNodes, boolean finalizesTo243,
      Instant now) {
    List<PreflightCheck> out = new ArrayList<>();
    String name = "licence";
    if (reading.unreadable().isPresent()) {
      out.add(PreflightCheck.warn(name, cluster, "the licence could not be read: "
              + reading.unreadable().get() + (finalizesTo243 ? "; the 24.3 licence precondition"
              + " was not checked" : ""),
          "read it as a user with the admin role or MODIFYCLUSTERSETTING (SHOW CLUSTER SETTING"
              + " enterprise.license on the system VC) and confirm a licence is installed", FACT));
      return out;
    }
    boolean exempt = memberNodes <= 1;
    if (reading.isNone()) {
      if (finalizesTo243 && !exempt) {
        out.add(PreflightCheck.fail(name, cluster, "no licence is installed and the planned path"
                + " finalizes to 24.3, which the product refuses ('upgrade blocked: no license"
                + " installed') after every node has been restarted",
            "install a licence on cluster '" + cluster + "' (SET CLUSTER SETTING"
                + " enterprise.license = '<key>' on its system VC) before the upgrade starts", FACT));
      } else {
        out.add(PreflightCheck.warn(name, cluster, "no licence is installed"
                + (finalizesTo243 ? " (single-node: exempt from the 24.3 precondition)" : "")
                + "; the product throttles to 5 concurrent transactions (XXC02) from 7 days after"
                + " cluster init (30 days for clusters older than the enforcer)",
            "install a licence on cluster '" + cluster + "'", FACT));
      }
      return out;
    }
    Licence licence = reading.licence().orElseThrow();
    boolean blocked = false;
    if (licence.type().telemetryRequired() && finalizesTo243 && !exempt) {
      for (Map.Entry<String, Optional<Boolean>> e : telemetry.entrySet()) {
        if (e.getValue().isEmpty()) {
          out.add(PreflightCheck.warn(name, cluster + "/" + e.getKey(), "diagnostics.reporting"
                  + ".enabled could not be read under a " + licence.type() + " licence, which"
                  + " requires telemetry for the 24.3 finalization",
              "check that diagnostics.reporting.enabled is true in VC '" + e.getKey() + "'", FACT));
        } else if (!e.getValue().get()) {
          blocked = true;
          out.add(PreflightCheck.fail(name, cluster + "/" + e.getKey(), "telemetry is off"
                  + " (diagnostics.reporting.enabled = false) under a " + licence.type()
                  + " licence; the product refuses the 24.3 finalization of this VC ('the"
                  + " installed license requires telemetry, but it is currently disabled')",
              "SET CLUSTER SETTING diagnostics.reporting.enabled = true in VC '" + e.getKey()
                  + "' of cluster '" + cluster + "' before the upgrade starts", FACT));
        }
      }
    }
    Optional<Instant> throttledFrom = licence.type().throttleGrace()
        .map(g -> licence.validUntil().plus(g));
    if (throttledFrom.isPresent() && !now.isBefore(throttledFrom.get())) {
      out.add(PreflightCheck.warn(name, cluster, licence + ": expired and throttled since "
              + throttledFrom.get() + " (XXC02 beyond 5 concurrent transactions)",
          "install a renewed licence on cluster '" + cluster + "'", FACT));
    } else if (!now.isBefore(licence.validUntil())) {
      out.add(PreflightCheck.warn(name, cluster, licence + ": expired; throttling (XXC02)"
              + " starts " + throttledFrom.map(Instant::toString).orElse("never"),
          "install a renewed licence on cluster '" + cluster + "'", FACT));
    } else if (licence.validUntil().minus(NEAR).isBefore(now)) {
      out.add(PreflightCheck.warn(name, cluster, licence + ": expires within "
              + NEAR.toDays() + " days",
          "renew the licence of cluster '" + cluster + "' before the upgrade", FACT));
    } else if (!blocked && out.isEmpty()) {
      out.add(PreflightCheck.ok(name, cluster, licence
          + (licence.type().telemetryRequired() && finalizesTo243 && exempt
              ? " (single-node: exempt from the 24.3 precondition)" : ""), FACT));
    }
    return out;
  }
}
