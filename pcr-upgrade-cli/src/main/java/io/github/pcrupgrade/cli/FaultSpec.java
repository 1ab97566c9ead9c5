package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.testkit.Fault;
import io.github.pcrupgrade.testkit.FaultPlan;
import io.github.pcrupgrade.testkit.Trigger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Parses {@code simulate --fault SPEC}: {@code KIND:ARGS[@TRIGGER]}. Kinds:
 * {@code node-fails-to-restart:CLUSTER:NODE}, {@code node-rejoins-late:CLUSTER:NODE:DELAY},
 * {@code node-dies:CLUSTER:NODE:DOWN_FOR}, {@code serialization-failures:CLUSTER:COUNT},
 * {@code connection-lost:CLUSTER:COUNT}, {@code replication-stall:DURATION},
 * {@code lag-spike:EXTRA:DURATION}, {@code external-finalization:CLUSTER:VC},
 * {@code external-auto-upgrade:CLUSTER:VC}, {@code external-failover}. Triggers:
 * {@code after=DURATION} (default {@code after=0s}), {@code restart=N} (the Nth node restart),
 * {@code call=N} (the Nth port call). Durations: {@code 90s}, {@code 5m}, {@code 1h}.
 */
final class FaultSpec {

  static final String HELP = "KIND:ARGS[@TRIGGER], e.g. node-fails-to-restart:standby:2@restart=2,"
      + " external-finalization:primary:main@after=10m, external-failover@restart=4";

  private FaultSpec() {}

  static FaultPlan plan(List<String> specs, double transientProbability) {
    FaultPlan.Builder b = FaultPlan.builder();
    for (String spec : specs) {
      int at = spec.indexOf('@');
      Fault fault = fault(at < 0 ? spec : spec.substring(0, at), spec);
      b.on(at < 0 ? Trigger.at(Duration.ZERO) : trigger(spec.substring(at + 1), spec), fault);
    }
    if (transientProbability > 0) {
      b.randomTransientErrors(transientProbability);
    }
    return b.build();
  }

  private static Fault fault(String body, String spec) {
    String[] p = body.split(":");
    try {
      return switch (p[0]) {
        case "node-fails-to-restart" -> Fault.nodeFailsToRestart(arg(p, 1, spec),
            Integer.parseInt(arg(p, 2, spec)));
        case "node-rejoins-late" -> Fault.nodeRejoinsLate(arg(p, 1, spec),
            Integer.parseInt(arg(p, 2, spec)), duration(arg(p, 3, spec)));
        case "node-dies" -> Fault.nodeDies(arg(p, 1, spec), Integer.parseInt(arg(p, 2, spec)),
            duration(arg(p, 3, spec)));
        case "serialization-failures" -> Fault.serializationFailures(arg(p, 1, spec),
            Integer.parseInt(arg(p, 2, spec)));
        case "connection-lost" -> Fault.connectionLost(arg(p, 1, spec),
            Integer.parseInt(arg(p, 2, spec)), false);
        case "replication-stall" -> Fault.replicationStall(duration(arg(p, 1, spec)));
        case "lag-spike" -> Fault.lagSpike(duration(arg(p, 1, spec)), duration(arg(p, 2, spec)));
        case "external-finalization" -> Fault.externalFinalization(arg(p, 1, spec),
            arg(p, 2, spec));
        case "external-auto-upgrade" -> Fault.externalReenablesAutoUpgrade(arg(p, 1, spec),
            arg(p, 2, spec));
        case "external-failover" -> Fault.externalFailover();
        default -> throw bad(spec, "unknown fault kind '" + p[0] + "'");
      };
    } catch (NumberFormatException e) {
      throw bad(spec, "a count or node id is not a number");
    }
  }

  private static Trigger trigger(String t, String spec) {
    int eq = t.indexOf('=');
    if (eq < 0) {
      throw bad(spec, "a trigger is after=DURATION, restart=N or call=N");
    }
    String value = t.substring(eq + 1);
    try {
      return switch (t.substring(0, eq)) {
        case "after" -> Trigger.at(duration(value));
        case "restart" -> Trigger.onNodeRestart(Integer.parseInt(value));
        case "call" -> Trigger.onPortCall(Integer.parseInt(value));
        default -> throw bad(spec, "a trigger is after=DURATION, restart=N or call=N");
      };
    } catch (NumberFormatException e) {
      throw bad(spec, "'" + value + "' is not a number");
    }
  }

  private static String arg(String[] p, int i, String spec) {
    if (p.length <= i || p[i].isBlank()) {
      throw bad(spec, "missing argument " + i);
    }
    return p[i];
  }

  static Duration duration(String s) {
    try {
      return Duration.parse("PT" + s.toUpperCase(java.util.Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS,
          "'" + s + "' is not a duration; write 90s, 5m or 1h");
    }
  }

  private static PcrUpgradeException bad(String spec, String why) {
    return new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS,
        "--fault '" + spec + "': " + why + "; the form is " + HELP);
  }
}
