package io.github.pcrupgrade.testkit.chaos;

import io.github.pcrupgrade.testkit.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts what happened to a simulated deployment, from its trace, as effects rather than
 * statements (a statement sent again that changes nothing is fine): each node's binary changes,
 * each VC's completed finalizations, and the reader VC's stops, drops and creations. Judges them
 * against what any plan needs: a node changes onto a binary at most once, a VC completes its
 * finalization to a version at most once, and between two finalizations of an application VC
 * (one hop) the reader is stopped, dropped and created at most once each, plus once more for each
 * reader dropped before it was ever ready (a reader caught in its initial scan is dropped and
 * created again rather than guessed).
 */
final class EffectCount {

  private static final Pattern NODE_CHANGE =
      Pattern.compile("^n(\\d+) draining \\((?:upgrade|roll back) (\\S+) -> (\\S+)\\)$");
  private static final Pattern FINALIZED = Pattern.compile("^(\\S+): finalized at (\\S+)$");
  private static final Pattern STOPPING = Pattern.compile("^(\\S+-readonly) stopping$");
  private static final Pattern DROPPED = Pattern.compile("^(\\S+-readonly) dropped\\b.*");
  private static final Pattern CREATED = Pattern.compile("^(\\S+-readonly) created \\(reader of.*");
  private static final Pattern READY = Pattern.compile("^(\\S+-readonly) ready\\b.*");

  private EffectCount() {}

  /**
   * What effects went beyond what the plan needs; empty when none.
   *
   * @param trace the deployment's whole trace
   * @param readyAtStart the reader VCs ({@code cluster/vc}) serving when the trace began
   */
  static List<String> excess(List<TraceEvent> trace, Set<String> readyAtStart) {
    List<String> out = new ArrayList<>();
    Map<String, Integer> nodeChanges = new HashMap<>();
    Map<String, Integer> finalizations = new HashMap<>();
    int epoch = 0;
    Map<String, Integer> readerOps = new HashMap<>();
    Map<Integer, Integer> allowance = new HashMap<>();
    Set<String> readyReaders = new HashSet<>(readyAtStart);
    for (TraceEvent e : trace) {
      String d = e.detail();
      switch (e.kind()) {
        case "node" -> {
          Matcher m = NODE_CHANGE.matcher(d);
          if (m.matches() && !m.group(2).equals(m.group(3))) {
            String key = e.cluster() + " n" + m.group(1) + " onto " + m.group(3);
            if (nodeChanges.merge(key, 1, Integer::sum) == 2) {
              out.add(e.at() + ": node " + key + " a second time");
            }
          }
        }
        case "finalization" -> {
          Matcher m = FINALIZED.matcher(d);
          if (m.matches()) {
            String key = e.cluster() + "/" + m.group(1) + " at " + m.group(2);
            if (finalizations.merge(key, 1, Integer::sum) == 2) {
              out.add(e.at() + ": finalization of " + key + " completed a second time");
            }
            if (!m.group(1).equals("system") && !m.group(1).endsWith("-readonly")) {
              epoch++;
            }
          }
        }
        case "service" -> {
          Matcher m = STOPPING.matcher(d);
          if (m.matches()) {
            readerOp(out, readerOps, allowance, epoch, e, "stopped", m.group(1));
          }
        }
        case "vc" -> {
          Matcher created = CREATED.matcher(d);
          Matcher dropped = DROPPED.matcher(d);
          Matcher ready = READY.matcher(d);
          if (ready.matches()) {
            readyReaders.add(e.cluster() + "/" + ready.group(1));
          } else if (created.matches()) {
            readyReaders.remove(e.cluster() + "/" + created.group(1));
            readerOp(out, readerOps, allowance, epoch, e, "created", created.group(1));
          } else if (dropped.matches()) {
            if (!readyReaders.remove(e.cluster() + "/" + dropped.group(1))) {
              allowance.merge(epoch, 1, Integer::sum);
            }
            readerOp(out, readerOps, allowance, epoch, e, "dropped", dropped.group(1));
          }
        }
        default -> {
          // not an effect the oracle counts
        }
      }
    }
    return out;
  }

  private static void readerOp(List<String> out, Map<String, Integer> ops,
      Map<Integer, Integer> allowance, int epoch, TraceEvent e, String op, String reader) {
    String key = epoch + " " + e.cluster() + "/" + reader + " " + op;
    int n = ops.merge(key, 1, Integer::sum);
    if (n > 1 + allowance.getOrDefault(epoch, 0)) {
      out.add(e.at() + ": reader " + e.cluster() + "/" + reader + " " + op + " " + n
          + " times within one hop");
    }
  }
}
