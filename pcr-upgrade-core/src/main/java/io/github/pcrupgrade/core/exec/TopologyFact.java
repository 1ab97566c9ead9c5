package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A {@link Topology} kept in the journal as a {@link JournalEvent#FACT}
 * ({@code topology <primary side>;<standby side>}), so that the {@link StepApi}, called from
 * processes hours apart, guards every call against the topology its upgrade was planned for. Each
 * side is {@code name,clusterId,members,vcIds,serving,stream,readers}; lists are joined with
 * {@code /}, map entries with {@code =}, the stream's fields with {@code :}, and every name is
 * URL-encoded (which encodes each of those separators), so any cluster or VC name round-trips.
 * Only facts since the deployment's last completed run count; the latest one is the topology.
 */
final class TopologyFact {

  private static final String PREFIX = "topology ";
  private static final String NONE = "-";

  private TopologyFact() {}

  /** The fact recording {@code t}. */
  static String of(Topology t) {
    return PREFIX + t.clusters().stream().map(TopologyFact::side)
        .collect(Collectors.joining(";"));
  }

  /**
   * The latest topology recorded in {@code history} since its last completed run, with the index
   * of its record; empty when none (or none this version can read).
   */
  static Optional<Recorded> latest(List<JournalRecord> history) {
    Optional<Recorded> found = Optional.empty();
    for (int i = 0; i < history.size(); i++) {
      JournalRecord r = history.get(i);
      if (r.entry().event() == JournalEvent.RUN_COMPLETED) {
        found = Optional.empty();
      } else if (r.entry().event() == JournalEvent.FACT
          && r.entry().detail().startsWith(PREFIX)) {
        int at = i;
        Optional<Topology> t = parse(r.entry().detail().substring(PREFIX.length()));
        if (t.isPresent()) {
          found = Optional.of(new Recorded(t.get(), at));
        }
      }
    }
    return found;
  }

  /**
   * A topology read from the journal.
   *
   * @param topology the topology
   * @param index the index of its record in the history
   */
  record Recorded(Topology topology, int index) {}

  private static String side(Topology.Side s) {
    return String.join(",", enc(s.name()),
        s.clusterId().map(UUID::toString).orElse(NONE),
        s.members().stream().map(String::valueOf).collect(Collectors.joining("/")),
        ids(s.vcIds()),
        s.serving().stream().map(TopologyFact::enc).collect(Collectors.joining("/")),
        s.stream().map(st -> enc(st.vc()) + ":" + enc(st.source()) + ":"
            + st.jobId().map(String::valueOf).orElse(NONE) + ":" + st.failingOver())
            .orElse(NONE),
        ids(s.readers()));
  }

  private static String ids(SortedMap<String, Long> m) {
    return m.entrySet().stream().map(e -> enc(e.getKey()) + "=" + e.getValue())
        .collect(Collectors.joining("/"));
  }

  static Optional<Topology> parse(String text) {
    try {
      List<Topology.Side> sides = new ArrayList<>();
      for (String side : text.split(";", -1)) {
        String[] f = side.split(",", -1);
        if (f.length != 7) {
          return Optional.empty();
        }
        SortedSet<Integer> members = new TreeSet<>(list(f[2], Integer::valueOf));
        SortedSet<String> serving = new TreeSet<>(list(f[4], TopologyFact::dec));
        Optional<Topology.Stream> stream = Optional.empty();
        if (!f[5].equals(NONE)) {
          String[] st = f[5].split(":", -1);
          stream = Optional.of(new Topology.Stream(dec(st[0]), dec(st[1]),
              st[2].equals(NONE) ? Optional.empty() : Optional.of(Long.valueOf(st[2])),
              Boolean.parseBoolean(st[3])));
        }
        sides.add(new Topology.Side(dec(f[0]),
            f[1].equals(NONE) ? Optional.empty() : Optional.of(UUID.fromString(f[1])),
            members, idMap(f[3]), serving, stream, idMap(f[6])));
      }
      return sides.size() == 2 ? Optional.of(new Topology(sides)) : Optional.empty();
    } catch (RuntimeException e) {
      // a fact this version cannot read counts as none: the API then asks for a new plan
      return Optional.empty();
    }
  }

  private static <T> List<T> list(String s, Function<String, T> item) {
    return s.isEmpty() ? List.of() : Arrays.stream(s.split("/", -1)).map(item).toList();
  }

  private static SortedMap<String, Long> idMap(String s) {
    SortedMap<String, Long> m = new TreeMap<>();
    for (String e : list(s, Function.identity())) {
      int eq = e.indexOf('=');
      m.put(dec(e.substring(0, eq)), Long.valueOf(e.substring(eq + 1)));
    }
    return m;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String dec(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
