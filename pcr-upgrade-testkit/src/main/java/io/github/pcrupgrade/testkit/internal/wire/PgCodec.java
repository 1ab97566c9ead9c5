package io.github.pcrupgrade.testkit.internal.wire;

import io.github.pcrupgrade.testkit.internal.sql.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes values for DataRow and decodes Bind parameters. Java value per SQL type: INT8 {@link
 * Long}, STRING {@link String}, BOOL {@link Boolean}, FLOAT8 {@link Double}, DECIMAL {@link
 * BigDecimal}, TIMESTAMP {@link LocalDateTime} (UTC), TIMESTAMPTZ {@link Instant}, INTERVAL {@link
 * Duration}, JSONB {@link Json}. Text forms are what pgjdbc parses: timestamps {@code yyyy-MM-dd
 * HH:mm:ss.SSSSSS[+00:00]}, intervals {@code HH:MM:SS.ffffff} (hours unbounded), booleans {@code
 * t}/{@code f}. Every type also has its binary form.
 */
final class PgCodec {
  private PgCodec() {}

  static final int OID_INT2 = 21;
  static final int OID_INT4 = 23;
  static final int OID_INT8 = 20;
  static final int OID_TEXT = 25;
  static final int OID_VARCHAR = 1043;
  static final int OID_BPCHAR = 1042;
  static final int OID_NAME = 19;
  static final int OID_UNKNOWN = 705;
  static final int OID_BOOL = 16;
  static final int OID_FLOAT4 = 700;
  static final int OID_FLOAT8 = 701;
  static final int OID_NUMERIC = 1700;

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
  private static final Instant PG_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

  /** The text form of {@code value}, or null for SQL NULL. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean b) {
      return b ? "t" : "f";
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Double d) {
      return d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : d.toString();
    }
    if (value instanceof Instant i) {
      return TIMESTAMP.format(LocalDateTime.ofInstant(micros(i), ZoneOffset.UTC)) + "+00:00";
    }
    if (value instanceof LocalDateTime t) {
      return TIMESTAMP.format(t.truncatedTo(ChronoUnit.MICROS));
    }
    if (value instanceof Duration d) {
      return interval(d);
    }
    if (value instanceof Json j) {
      return j.render();
    }
    return value.toString();
  }

  static Instant micros(Instant i) {
    return i.truncatedTo(ChronoUnit.MICROS);
  }

  private static String interval(Duration d) {
    long totalMicros = d.getSeconds() * 1_000_000L + d.getNano() / 1000;
    String sign = totalMicros < 0 ? "-" : "";
    long m = Math.abs(totalMicros);
    long hours = m / 3_600_000_000L;
    long minutes = (m / 60_000_000L) % 60;
    long seconds = (m / 1_000_000L) % 60;
    long frac = m % 1_000_000L;
    String base = String.format("%s%02d:%02d:%02d", sign, hours, minutes, seconds);
    return frac == 0 ? base : base + String.format(".%06d", frac);
  }

  /** The binary form of {@code value} (non-null) of {@code type}. */
  static byte[] binary(SqlType type, Object value) {
    if (value instanceof RecordedText recorded) {
      return binary(type, recorded.typed(type));
    }
    return switch (type) {
      case INT8 -> ByteBuffer.allocate(8).putLong((Long) value).array();
      case BOOL -> new byte[] {(byte) (((Boolean) value) ? 1 : 0)};
      case FLOAT8 -> ByteBuffer.allocate(8).putDouble((Double) value).array();
      case STRING -> ((String) value).getBytes(StandardCharsets.UTF_8);
      case DECIMAL -> numeric((BigDecimal) value);
      case TIMESTAMPTZ -> ByteBuffer.allocate(8).putLong(microsSincePgEpoch((Instant) value)).array();
      case TIMESTAMP ->
          ByteBuffer.allocate(8)
              .putLong(microsSincePgEpoch(((LocalDateTime) value).toInstant(ZoneOffset.UTC)))
              .array();
      case INTERVAL -> {
        Duration d = (Duration) value;
        long micros = d.getSeconds() * 1_000_000L + d.getNano() / 1000;
        yield ByteBuffer.allocate(16).putLong(micros).putInt(0).putInt(0).array();
      }
      case UUID -> {
        java.util.UUID u = (java.util.UUID) value;
        yield ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
            .putLong(u.getLeastSignificantBits()).array();
      }
      case JSONB -> {
        byte[] json = ((Json) value).render().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[json.length + 1];
        out[0] = 1;
        System.arraycopy(json, 0, out, 1, json.length);
        yield out;
      }
    };
  }

  private static long microsSincePgEpoch(Instant i) {
    return ChronoUnit.MICROS.between(PG_EPOCH, i);
  }

  /** PostgreSQL's binary numeric: base-10000 digits with weight, sign and display scale. */
  private static byte[] numeric(BigDecimal value) {
    int dscale = Math.max(0, value.scale());
    BigDecimal abs = value.abs().setScale(dscale);
    String plain = abs.toPlainString();
    int dot = plain.indexOf('.');
    String intPart = dot < 0 ? plain : plain.substring(0, dot);
    String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
    if (intPart.equals("0")) {
      intPart = "";
    }
    intPart = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
    fracPart = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
    List<Integer> digits = new ArrayList<>();
    for (int k = 0; k < intPart.length(); k += 4) {
      digits.add(Integer.parseInt(intPart.substring(k, k + 4)));
    }
    int weight = digits.size() - 1;
    for (int k = 0; k < fracPart.length(); k += 4) {
      digits.add(Integer.parseInt(fracPart.substring(k, k + 4)));
    }
    while (!digits.isEmpty() && digits.get(0) == 0) {
      digits.remove(0);
      weight--;
    }
    while (!digits.isEmpty() && digits.get(digits.size() - 1) == 0) {
      digits.remove(digits.size() - 1);
    }
    if (digits.isEmpty()) {
      weight = 0;
    }
    ByteBuffer b = ByteBuffer.allocate(8 + 2 * digits.size());
    b.putShort((short) digits.size());
    b.putShort((short) weight);
    b.putShort((short) (value.signum() < 0 ? 0x4000 : 0));
    b.putShort((short) dscale);
    for (int d : digits) {
      b.putShort((short) d);
    }
    return b.array();
  }

  /**
   * Decodes a Bind parameter of type {@code oid}: integers to {@link Long}, booleans to {@link
   * Boolean}, floats to {@link Double}, numerics to {@link BigDecimal}, everything else (text
   * format) to {@link String}.
   *
   * @throws WireSqlException 22P02 for malformed input, 0A000 for a binary type it cannot read
   */
  static Object decodeParameter(int oid, boolean binary, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      if (binary) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return switch (oid) {
          case OID_INT2 -> (long) b.getShort();
          case OID_INT4 -> (long) b.getInt();
          case OID_INT8 -> b.getLong();
          case OID_BOOL -> bytes[0] != 0;
          case OID_FLOAT4 -> (double) b.getFloat();
          case OID_FLOAT8 -> b.getDouble();
          case OID_TEXT, OID_VARCHAR, OID_BPCHAR, OID_NAME, OID_UNKNOWN, 0 ->
              new String(bytes, StandardCharsets.UTF_8);
          default -> throw new WireSqlException(
              SqlStates.FEATURE_NOT_SUPPORTED,
              "binary format for parameter type oid " + oid + " is not supported by the simulation");
        };
      }
      String s = new String(bytes, StandardCharsets.UTF_8);
      return switch (oid) {
        case OID_INT2, OID_INT4, OID_INT8 -> Long.parseLong(s.trim());
        case OID_BOOL -> parseBool(s);
        case OID_FLOAT4, OID_FLOAT8 -> Double.parseDouble(s.trim());
        case OID_NUMERIC -> new BigDecimal(s.trim());
        default -> s;
      };
    } catch (NumberFormatException | java.nio.BufferUnderflowException
        | ArrayIndexOutOfBoundsException e) {
      throw new WireSqlException(
          SqlStates.INVALID_TEXT_REPRESENTATION,
          "could not parse parameter of type oid " + oid);
    }
  }

  /** PostgreSQL boolean input forms. */
  static Boolean parseBool(String s) {
    return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "t", "true", "on", "yes", "y", "1" -> true;
      case "f", "false", "off", "no", "n", "0" -> false;
      default -> throw new WireSqlException(
          SqlStates.INVALID_TEXT_REPRESENTATION, "could not parse \"" + s + "\" as type bool");
    };
  }

  /** The cluster_logical_timestamp() form of {@code i}: epoch nanoseconds with 10 decimals. */
  static BigDecimal hlc(Instant i) {
    BigInteger nanos =
        BigInteger.valueOf(i.getEpochSecond())
            .multiply(BigInteger.valueOf(1_000_000_000L))
            .add(BigInteger.valueOf(i.getNano()));
    return new BigDecimal(nanos).setScale(10);
  }
}
