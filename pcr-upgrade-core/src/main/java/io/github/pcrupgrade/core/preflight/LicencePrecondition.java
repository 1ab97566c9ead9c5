package io.github.pcrupgrade.core.preflight;

import io.github.pcrupgrade.core.catalog.UpgradePath;
import io.github.pcrupgrade.core.model.Licence;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 *   <li>Throttling ({@code XXC02} beyond 5 concurrent transactions) that is due or near: WARN
 *       (see {@link #throttledAfter}); a single-node cluster is never throttled.
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

  /**
   * True when {@code path} has a hop whose target is 24.3, i.e. finalizes a cluster to 24.3.
   *
   * @param path the planned path of series, from the catalog
   * @return whether any hop ends at {@link #BLOCKING_SERIES}
   */
  public static boolean finalizesBlockingSeries(UpgradePath path) {
    Objects.requireNonNull(path, "path");
    return path.hops().stream().anyMatch(h -> h.to().equals(BLOCKING_SERIES));
  }

  /**
   * The licence checks of one cluster.
   *
   * @param cluster the cluster's display name
   * @param reading what {@code enterprise.license} gave
   * @param telemetry {@code diagnostics.reporting.enabled} of each VC that a hop finalizes by SQL,
   *     by VC name; an empty value when it could not be read
   * @param memberNodes the cluster's member nodes (1 = single-node, exempt from the precondition
   *     and from throttling; fewer than 1 is treated alike)
   * @param finalizesTo243 whether the planned path finalizes this cluster to 24.3
   * @param now the current time, for expiry and throttling
   * @return the checks, in this order: an unreadable licence (WARN, alone), no licence (FAIL
   *     when a multi-node cluster finalizes to 24.3, else WARN, alone), then per VC the telemetry
   *     verdicts, then throttling and expiry; an OK line only when nothing else was said
   */
  public static List<PreflightCheck> check(String cluster, LicenceReading reading,
      Map<String, Optional<Boolean>> telemetry, int memberNodes, boolean finalizesTo243,
      Instant now) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(reading, "reading");
    Objects.requireNonNull(telemetry, "telemetry");
    Objects.requireNonNull(now, "now");
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
        out.add(PreflightCheck.warn(name, cluster, "no licence is installed" + (exempt
                ? " (single-node: the product disables licence enforcement, so neither throttling"
                    + " nor the 24.3 precondition applies)"
                : "; the product throttles to 5 concurrent transactions (XXC02) from 7 days after"
                    + " cluster init (30 days for clusters older than the enforcer), a date SQL"
                    + " does not show: it may be due already"),
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
    out.addAll(throttling(cluster, licence, exempt, blocked || !out.isEmpty(), finalizesTo243,
        now));
    return out;
  }

  /**
   * When the product's enforcer throttles a cluster under {@code licence}
   * ({@code MaybeFailIfThrottled}, {@code crdb:pkg/server/license/enforcer.go}): strictly after
   * the end of the type's grace period past expiry (Free and Evaluation 30 days, Trial 7 days;
   * Enterprise and the deprecated type never). Empty when the type is never throttled.
   *
   * @param licence the installed licence
   * @return the instant after which new transactions beyond 5 fail with {@code XXC02}; empty
   *     when the type is never throttled for expiry
   */
  public static Optional<Instant> throttledAfter(Licence licence) {
    Objects.requireNonNull(licence, "licence");
    return licence.type().throttleGrace().map(g -> licence.validUntil().plus(g));
  }

  /**
   * The throttling verdict: WARN when it is due (past the grace), near (expired and within the
   * grace, which the product announces itself with a notice; or expiring within {@link #NEAR}),
   * OK otherwise. A single-node cluster is never throttled: the product disables its enforcer
   * there. Throttling for telemetry not received for 7 days (Free, Trial) is not visible through
   * SQL and is named, not judged.
   *
   * @param quiet true when another licence line was already given, so that no OK line is added
   */
  private static List<PreflightCheck> throttling(String cluster, Licence licence,
      boolean exempt, boolean quiet, boolean finalizesTo243, Instant now) {
    String name = "licence";
    Optional<Instant> throttledAfter = throttledAfter(licence);
    boolean expired = !now.isBefore(licence.validUntil());
    if (exempt) {
      if (quiet) {
        return List.of();
      }
      return List.of(PreflightCheck.ok(name, cluster, licence + (expired ? " (expired)" : "")
          + "; single-node: the product disables licence enforcement, so it never throttles"
          + " this cluster" + (finalizesTo243 ? " and exempts it from the 24.3 precondition" : ""),
          FACT + "; crdb:pkg/server/license/enforcer.go"));
    }
    String renew = "install a renewed licence on cluster '" + cluster + "' (SET CLUSTER SETTING"
        + " enterprise.license = '<key>' on its system VC)";
    if (throttledAfter.isPresent() && now.isAfter(throttledAfter.get())) {
      return List.of(PreflightCheck.warn(name, cluster, licence + ": expired, and throttled since "
          + throttledAfter.get() + ": beyond 5 concurrent open transactions, new ones fail with"
          + " XXC02 ('License expired on ...'), which may also fail the upgrade's own sessions",
          renew + " before the upgrade", FACT));
    }
    if (expired && throttledAfter.isPresent()) {
      return List.of(PreflightCheck.warn(name, cluster, licence + ": expired; throttling (XXC02"
          + " beyond 5 concurrent open transactions) starts after " + throttledAfter.get()
          + ", in " + days(Duration.between(now, throttledAfter.get())),
          renew + " before the upgrade, or finish the upgrade well before then", FACT));
    }
    if (expired) {
      return List.of(PreflightCheck.warn(name, cluster, licence + ": expired (the product does"
          + " not throttle a " + licence.type() + " licence, but it is no longer valid)",
          renew, FACT));
    }
    if (licence.validUntil().minus(NEAR).isBefore(now)) {
      return List.of(PreflightCheck.warn(name, cluster, licence + ": expires within "
          + NEAR.toDays() + " days (in " + days(Duration.between(now, licence.validUntil())) + ")"
          + throttledAfter.map(t -> "; throttling (XXC02) would start after " + t)
              .orElse("; a " + licence.type() + " licence is not throttled after expiry"),
          "renew the licence of cluster '" + cluster + "' before the upgrade", FACT));
    }
    if (quiet) {
      return List.of();
    }
    return List.of(PreflightCheck.ok(name, cluster, licence + (licence.type()
        .telemetryRequired() ? "; the product also throttles this type 7 days after the last"
        + " telemetry Cockroach Labs received, which SQL does not show (the DB Console's banner"
        + " does)" : ""), FACT));
  }

  private static String days(Duration d) {
    long h = d.toHours();
    return h < 48 ? h + " hour(s)" : d.toDays() + " day(s)";
  }
}
