package io.github.pcrupgrade.testkit.internal.wire;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A session's variables: the known names, their defaults, which are read-only, which are boolean,
 * and which are reported to the client with ParameterStatus when they change. Not thread-safe
 * (one per connection).
 */
final class SessionVariables {

  static final String ALLOW_UNSAFE_INTERNALS = "allow_unsafe_internals";
  static final String APPLICATION_NAME = "application_name";

  private static final Set<String> READ_ONLY =
      Set.of("server_version", "server_version_num", "integer_datetimes", "is_superuser",
          "crdb_version", "session_user", "server_encoding", "max_identifier_length",
          "block_size", "lc_collate", "lc_ctype");
  private static final Set<String> BOOLEAN =
      Set.of(ALLOW_UNSAFE_INTERNALS, "standard_conforming_strings", "default_transaction_read_only",
          "transaction_read_only");
  /** Variables PostgreSQL reports with ParameterStatus when they change, with their report names. */
  private static final Map<String, String> REPORTED =
      Map.of(APPLICATION_NAME, "application_name", "timezone", "TimeZone", "datestyle",
          "DateStyle", "intervalstyle", "IntervalStyle", "client_encoding", "client_encoding",
          "standard_conforming_strings", "standard_conforming_strings");

  private final Map<String, String> defaults = new LinkedHashMap<>();
  private final Map<String, String> values = new LinkedHashMap<>();

  SessionVariables(
      ServerInfo info, String user, String database, boolean superuser, String applicationName) {
    defaults.put(APPLICATION_NAME, applicationName);
    if (info.unsafeInternalsGate().exists()) {
      defaults.put(
          ALLOW_UNSAFE_INTERNALS,
          info.unsafeInternalsGate() == UnsafeInternalsGate.DEFAULT_ON ? "on" : "off");
    }
    defaults.put("client_encoding", "UTF8");
    defaults.put("server_encoding", "UTF8");
    defaults.put("datestyle", "ISO, MDY");
    defaults.put("intervalstyle", "postgres");
    defaults.put("timezone", "UTC");
    defaults.put("extra_float_digits", "0");
    defaults.put("statement_timeout", "0");
    defaults.put("lock_timeout", "0");
    defaults.put("idle_in_transaction_session_timeout", "0");
    defaults.put("server_version", "13.0.0");
    defaults.put("server_version_num", "130000");
    defaults.put("crdb_version", info.buildString());
    defaults.put("standard_conforming_strings", "on");
    defaults.put("integer_datetimes", "on");
    defaults.put("transaction_isolation", "serializable");
    defaults.put("default_transaction_isolation", "serializable");
    defaults.put("default_transaction_read_only", "off");
    defaults.put("transaction_read_only", "off");
    defaults.put("search_path", "\"$user\", public");
    defaults.put("database", database);
    defaults.put("session_user", user);
    defaults.put("is_superuser", superuser ? "on" : "off");
    defaults.put("bytea_output", "hex");
    defaults.put("client_min_messages", "notice");
    defaults.put("max_identifier_length", "128");
    defaults.put("lc_collate", "C.UTF-8");
    defaults.put("lc_ctype", "C.UTF-8");
    values.putAll(defaults);
  }

  static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The value of {@code name}. @throws WireSqlException 42704 for an unknown variable */
  String get(String name) {
    String v = values.get(normalize(name));
    if (v == null) {
      throw unknown(name);
    }
    return v;
  }

  /**
   * Sets {@code name} to {@code value} (null = default).
   *
   * @return the ParameterStatus name to report, or null if the change is not reported
   * @throws WireSqlException 42704 unknown, 55P02 read-only, 22023 not a boolean
   */
  String set(String name, String value) {
    String key = normalize(name);
    if (!values.containsKey(key)) {
      throw unknown(name);
    }
    if (READ_ONLY.contains(key)) {
      throw new WireSqlException(
          SqlStates.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + key + "\" cannot be changed");
    }
    String v = value == null ? defaults.get(key) : value;
    if (BOOLEAN.contains(key) && value != null) {
      try {
        v = PgCodec.parseBool(value) ? "on" : "off";
      } catch (WireSqlException e) {
        throw new WireSqlException(
            SqlStates.INVALID_PARAMETER_VALUE, "parameter \"" + key + "\" requires a Boolean value");
      }
    }
    values.put(key, v);
    return REPORTED.get(key);
  }

  boolean isOn(String name) {
    return "on".equals(values.get(name));
  }

  boolean exists(String name) {
    return values.containsKey(normalize(name));
  }

  private static WireSqlException unknown(String name) {
    return new WireSqlException(
        SqlStates.UNDEFINED_OBJECT,
        "unrecognized configuration parameter \"" + normalize(name) + "\"");
  }
}
