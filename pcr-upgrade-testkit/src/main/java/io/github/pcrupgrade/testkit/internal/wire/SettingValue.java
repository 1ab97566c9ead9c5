package io.github.pcrupgrade.testkit.internal.wire;

import io.github.pcrupgrade.testkit.internal.sql.SqlType;
import java.time.Duration;
import java.util.Objects;

/**
 * The value of a cluster setting with the SQL type {@code SHOW CLUSTER SETTING} returns for it
 * ({@code version} and string/enum settings are {@code STRING}, boolean settings {@code BOOL},
 * integer settings {@code INT8}, duration settings {@code INTERVAL}, float settings {@code FLOAT8}).
 *
 * @param type the column type
 * @param value a {@code String}, {@code Boolean}, {@code Long}, {@code Duration} or {@code Double}
 *     matching {@code type}; {@code null} for SQL NULL
 */
public record SettingValue(SqlType type, Object value) {
  public SettingValue {
    Objects.requireNonNull(type, "type");
    Class<?> expected =
        switch (type) {
          case STRING -> String.class;
          case BOOL -> Boolean.class;
          case INT8 -> Long.class;
          case INTERVAL -> Duration.class;
          case FLOAT8 -> Double.class;
          default -> throw new IllegalArgumentException(
              "cluster settings are STRING, BOOL, INT8, INTERVAL or FLOAT8, got " + type);
        };
    if (value != null && !expected.isInstance(value)) {
      throw new IllegalArgumentException(
          "a " + type + " setting value must be a " + expected.getSimpleName() + ", got " + value);
    }
  }

  /** A string (or enum, or version) setting. */
  public static SettingValue ofString(String value) {
    return new SettingValue(SqlType.STRING, value);
  }

  /** A boolean setting. */
  public static SettingValue ofBool(boolean value) {
    return new SettingValue(SqlType.BOOL, value);
  }

  /** An integer setting. */
  public static SettingValue ofInt(long value) {
    return new SettingValue(SqlType.INT8, value);
  }

  /** A duration setting. */
  public static SettingValue ofDuration(Duration value) {
    return new SettingValue(SqlType.INTERVAL, value);
  }
}
