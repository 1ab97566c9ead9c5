package io.github.pcrupgrade.core.capture;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.capture.CaptureDocument.ClusterCapture;
import io.github.pcrupgrade.core.capture.CaptureDocument.Column;
import io.github.pcrupgrade.core.capture.CaptureDocument.ErrorAnswer;
import io.github.pcrupgrade.core.capture.CaptureDocument.Exchange;
import io.github.pcrupgrade.core.model.Licence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the secrets of a capture by consistent pseudonyms ({@code docs/capture.md}), so that a
 * capture can be shared and identity checks still work on it: one value always becomes one
 * pseudonym, two different values two different ones, across the whole document.
 *
 * <ul>
 *   <li>UUIDs (cluster ids) anywhere: {@code 00000000-0000-4000-8000-00000000000N}.
 *   <li>Host names and addresses (the values of columns whose name contains {@code address}, and
 *       every later occurrence of those hosts in any text): {@code host-N}, the port kept.
 *   <li>URIs (the values of columns whose name contains {@code uri}, such as {@code
 *       source_cluster_uri}): the whole value becomes {@code redacted-uri-N}.
 *   <li>A password in any {@code scheme://user:password@} or {@code password=} form: {@code
 *       redacted}.
 *   <li>The licence key (the answer to {@code SHOW CLUSTER SETTING enterprise.license}): a
 *       synthetic key of the same type and expiry; {@code redacted-licence} if it does not decode.
 * </ul>
 *
 * <p>Not thread-safe: one instance per document (it holds the pseudonym map).
 */
public final class CaptureRedaction {

  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern URI_PASSWORD = Pattern.compile("(://[^:/@\\s]*):[^@\\s]*@");
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)(password=)[^&\\s'\"]*");

  private final Map<String, String> ids = new LinkedHashMap<>();
  private final Map<String, String> hosts = new LinkedHashMap<>();
  private final Map<String, String> uris = new LinkedHashMap<>();

  private CaptureRedaction() {}

  /**
   * {@code capture} with its secrets replaced; {@code redacted} is set. The pseudonyms are
   * numbered afresh for each call, so two documents redacted separately do not share them.
   *
   * @param capture the capture to redact; not changed
   * @return a new document, every cluster's answers and ParameterStatus values redacted
   */
  public static CaptureDocument redact(CaptureDocument capture) {
    Objects.requireNonNull(capture, "capture");
    CaptureRedaction r = new CaptureRedaction();
    r.collectHosts(capture);
    List<ClusterCapture> clusters = new ArrayList<>();
    for (ClusterCapture c : capture.clusters()) {
      Map<String, String> params = new TreeMap<>();
      c.parameterStatus().forEach((k, v) -> params.put(k, r.text(v)));
      List<Exchange> exchanges = new ArrayList<>();
      for (Exchange e : c.exchanges()) {
        exchanges.add(r.exchange(e));
      }
      clusters.add(new ClusterCapture(c.role(), c.name(), params, exchanges));
    }
    return new CaptureDocument(capture.schemaVersion(), capture.origin(), capture.capturedAt(),
        capture.tool(), true, clusters);
  }

  /** Every host named in an address column, so that it is replaced wherever it appears. */
  private void collectHosts(CaptureDocument capture) {
    for (ClusterCapture c : capture.clusters()) {
      for (Exchange e : c.exchanges()) {
        if (e.columns().isEmpty() || e.rows().isEmpty()) {
          continue;
        }
        List<Column> cols = e.columns().get();
        for (List<String> row : e.rows().get()) {
          for (int i = 0; i < cols.size() && i < row.size(); i++) {
            if (isAddress(cols.get(i).name()) && row.get(i) != null) {
              host(hostOf(row.get(i)));
            }
          }
        }
      }
    }
  }

  private Exchange exchange(Exchange e) {
    boolean licence = e.sql().toLowerCase(Locale.ROOT).contains("enterprise.license");
    Optional<List<List<String>>> rows = e.rows().map(rs -> {
      List<Column> cols = e.columns().orElse(List.of());
      List<List<String>> out = new ArrayList<>();
      for (List<String> row : rs) {
        List<String> copy = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
          String name = i < cols.size() ? cols.get(i).name().toLowerCase(Locale.ROOT) : "";
          copy.add(value(name, row.get(i), licence));
        }
        out.add(java.util.Collections.unmodifiableList(copy));
      }
      return out;
    });
    Optional<ErrorAnswer> error = e.error().map(x -> new ErrorAnswer(x.sqlState(),
        text(x.message()), x.hint().map(this::text)));
    return new Exchange(e.virtualCluster(), text(e.sql()), e.columns(), rows, error);
  }

  private String value(String column, String value, boolean licence) {
    if (value == null) {
      return null;
    }
    if (licence) {
      try {
        return Licence.decode(value).map(Licence::syntheticKey).orElse("");
      } catch (PcrUpgradeException ex) {
        return "redacted-licence";
      }
    }
    if (column.contains("uri")) {
      return uris.computeIfAbsent(value, v -> "redacted-uri-" + (uris.size() + 1));
    }
    return text(value);
  }

  /** Any text: passwords, known hosts and UUIDs replaced. */
  private String text(String s) {
    if (s == null) {
      return null;
    }
    String out = URI_PASSWORD.matcher(s).replaceAll("$1:redacted@");
    out = PASSWORD_PARAM.matcher(out).replaceAll("$1redacted");
    // longest first, so that a host that is a prefix of another (n1, n10) is not split
    List<Map.Entry<String, String>> byLength = new ArrayList<>(hosts.entrySet());
    byLength.sort((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()));
    for (Map.Entry<String, String> h : byLength) {
      out = out.replace(h.getKey(), h.getValue());
    }
    Matcher m = UUID.matcher(out);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String id = m.group().toLowerCase(Locale.ROOT);
      m.appendReplacement(b, ids.computeIfAbsent(id,
          k -> String.format("00000000-0000-4000-8000-%012d", ids.size() + 1)));
    }
    m.appendTail(b);
    return b.toString();
  }

  private String host(String host) {
    return hosts.computeIfAbsent(host, h -> "host-" + (hosts.size() + 1));
  }

  private static boolean isAddress(String column) {
    return column.toLowerCase(Locale.ROOT).contains("address");
  }

  /** {@code host} of {@code host:port} or {@code [v6]:port}; the whole value without a port. */
  private static String hostOf(String address) {
    if (address.startsWith("[")) {
      int end = address.indexOf(']');
      return end > 0 ? address.substring(0, end + 1) : address;
    }
    int colon = address.lastIndexOf(':');
    return colon > 0 && address.indexOf(':') == colon ? address.substring(0, colon) : address;
  }
}
