package io.github.pcrupgrade.testkit.internal.sql;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL types the simulation evaluates and returns, with CockroachDB's name and the PostgreSQL
 * type OID and length that go into RowDescription.
 */
public enum SqlType {
  /** {@code INT8}, pg {@code int8}. CockroachDB's {@code INT} is 64-bit. */
  INT8("INT8", 20, 8),
  /** {@code STRING}, pg {@code text}. */
  STRING("STRING", 25, -1),
  /** {@code BOOL}, pg {@code bool}. */
  BOOL("BOOL", 16, 1),
  /** {@code FLOAT8}, pg {@code float8}. */
  FLOAT8("FLOAT8", 701, 8),
  /** {@code DECIMAL}, pg {@code numeric}. */
  DECIMAL("DECIMAL", 1700, -1),
  /** {@code TIMESTAMP} (without time zone), pg {@code timestamp}. */
  TIMESTAMP("TIMESTAMP", 1114, 8),
  /** {@code TIMESTAMPTZ}, pg {@code timestamptz}. */
  TIMESTAMPTZ("TIMESTAMPTZ", 1184, 8),
  /** {@code INTERVAL}, pg {@code interval}. */
  INTERVAL("INTERVAL", 1186, 16),
  /** {@code JSONB}, pg {@code jsonb}. */
  JSONB("JSONB", 3802, -1),
  /** {@code UUID}, pg {@code uuid} (e.g. {@code crdb_internal.cluster_id()}). */
  UUID("UUID", 2950, 16);

  private static final Map<String, SqlType> NAMES =
      Map.ofEntries(
          Map.entry("int", INT8),
          Map.entry("int8", INT8),
          Map.entry("int4", INT8),
          Map.entry("integer", INT8),
          Map.entry("bigint", INT8),
          Map.entry("string", STRING),
          Map.entry("text", STRING),
          Map.entry("varchar", STRING),
          Map.entry("bool", BOOL),
          Map.entry("boolean", BOOL),
          Map.entry("float", FLOAT8),
          Map.entry("float8", FLOAT8),
          Map.entry("decimal", DECIMAL),
          Map.entry("numeric", DECIMAL),
          Map.entry("timestamp", TIMESTAMP),
          Map.entry("timestamptz", TIMESTAMPTZ),
          Map.entry("interval", INTERVAL),
          Map.entry("jsonb", JSONB),
          Map.entry("json", JSONB),
          Map.entry("uuid", UUID));

  private final String sqlName;
  private final int oid;
  private final int typeLength;

  SqlType(String sqlName, int oid, int typeLength) {
    this.sqlName = sqlName;
    this.oid = oid;
    this.typeLength = typeLength;
  }

  /** The type named {@code name} in a cast ({@code INT}, {@code TEXT}, {@code DECIMAL} ...). */
  public static Optional<SqlType> byName(String name) {
    return Optional.ofNullable(NAMES.get(name.toLowerCase(Locale.ROOT)));
  }

  /** CockroachDB's name of the type. */
  public String sqlName() {
    return sqlName;
  }

  /** The PostgreSQL type OID sent in RowDescription. */
  public int oid() {
    return oid;
  }

  /** The PostgreSQL type length sent in RowDescription ({@code -1} for variable length). */
  public int typeLength() {
    return typeLength;
  }
}
