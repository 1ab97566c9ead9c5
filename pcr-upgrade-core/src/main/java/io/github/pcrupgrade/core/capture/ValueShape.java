package io.github.pcrupgrade.core.capture;

import java.util.regex.Pattern;

/**
 * The shape of a recorded value's text form: what a comparison of two captures of different
 * deployments can expect to be equal when the values themselves (times, ids, hosts) differ.
 */
public enum ValueShape {
  /** SQL NULL. */
  NULL,
  /** The empty string. */
  EMPTY,
  /** An integer: {@code 42}, {@code -1}. */
  INTEGER,
  /** A decimal number: {@code 1695922878030920020.0000000000}, {@code 0.5}. */
  DECIMAL,
  /** A boolean as PostgreSQL writes it: {@code t}, {@code f} (or {@code true}, {@code false}). */
  BOOLEAN,
  /** A UUID. */
  UUID,
  /** A timestamp, with or without a zone: {@code 2026-05-29 12:00:00.123456+00:00}. */
  TIMESTAMP,
  /** An interval in PostgreSQL's style: {@code 00:00:05.5}, {@code 1 day 02:00:00}. */
  INTERVAL,
  /** A JSON object or array. */
  JSON,
  /** Any other text. */
  TEXT;

  private static final Pattern INTEGER_TEXT = Pattern.compile("-?\\d+");
  private static final Pattern DECIMAL_TEXT = Pattern.compile("-?\\d+\\.\\d+");
  private static final Pattern UUID_TEXT = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern TIMESTAMP_TEXT = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}(:?\\d{2})?)?");
  private static final Pattern INTERVAL_TEXT = Pattern.compile(
      "-?(\\d+ (year|mon|day)s? ?)*(-?\\d+:\\d{2}:\\d{2}(\\.\\d+)?)?");

  /**
   * The shape of {@code text}, tested in the order of the constants: the first that matches
   * wins.
   *
   * @param text a value's text form, {@code null} for SQL NULL
   * @return its shape; {@link #TEXT} when nothing more specific matches
   */
  public static ValueShape of(String text) {
    if (text == null) {
      return NULL;
    }
    if (text.isEmpty()) {
      return EMPTY;
    }
    if (INTEGER_TEXT.matcher(text).matches()) {
      return INTEGER;
    }
    if (DECIMAL_TEXT.matcher(text).matches()) {
      return DECIMAL;
    }
    if (text.equals("t") || text.equals("f") || text.equals("true") || text.equals("false")) {
      return BOOLEAN;
    }
    if (UUID_TEXT.matcher(text).matches()) {
      return UUID;
    }
    if (TIMESTAMP_TEXT.matcher(text).matches()) {
      return TIMESTAMP;
    }
    if (INTERVAL_TEXT.matcher(text).matches()) {
      return INTERVAL;
    }
    char first = text.charAt(0);
    if (first == '{' || first == '[') {
      return JSON;
    }
    return TEXT;
  }
}
