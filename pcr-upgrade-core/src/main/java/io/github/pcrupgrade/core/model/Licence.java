package io.github.pcrupgrade.core.model;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * What pcr-upgrade keeps of a cluster's licence: its type and expiry, never the key.
 *
 * <p>The key ({@code SHOW CLUSTER SETTING enterprise.license}) is {@code crl-0-} followed by
 * unpadded standard base64 of the protobuf {@code License}: field 2 {@code valid_until_unix_sec},
 * field 3 {@code type} (crdb-pcr-sql-facts 11.3, derived from {@code licensepb/license.proto}).
 *
 * @param type the licence type
 * @param validUntil when it expires
 */
public record Licence(LicenceType type, Instant validUntil) {

  /** The prefix of every licence key. */
  public static final String KEY_PREFIX = "crl-0-";

  /**
   * Checks that no component is null.
   *
   * @param type not null
   * @param validUntil not null
   */
  public Licence {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(validUntil, "validUntil");
  }

  /**
   * The licence a key encodes.
   *
   * @param key the value of {@code enterprise.license}; null, empty or blank when no licence is
   *     installed
   * @return the licence's type and expiry (protobuf type 0 or absent reads as
   *     {@link LicenceType#DEPRECATED}); empty for a null, empty or blank key
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when the key is not a licence key; the
   *     message never contains the key
   */
  public static Optional<Licence> decode(String key) {
    if (key == null || key.isBlank()) {
      return Optional.empty();
    }
    if (!key.startsWith(KEY_PREFIX)) {
      throw invalid("it does not start with '" + KEY_PREFIX + "'");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key.substring(KEY_PREFIX.length()).trim());
    } catch (IllegalArgumentException e) {
      throw invalid("its body is not base64");
    }
    long validUntil = -1;
    long type = -1;
    int[] pos = {0};
    while (pos[0] < bytes.length) {
      long tag = varint(bytes, pos);
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      switch (wire) {
        case 0 -> {
          long v = varint(bytes, pos);
          if (field == 2) {
            validUntil = v;
          } else if (field == 3) {
            type = v;
          }
        }
        case 1 -> pos[0] += 8;
        case 2 -> {
          long length = varint(bytes, pos);
          pos[0] += (int) Math.min(length, bytes.length + 1L);
        }
        case 5 -> pos[0] += 4;
        default -> throw invalid("its protobuf has wire type " + wire);
      }
      if (pos[0] > bytes.length) {
        throw invalid("its protobuf is truncated");
      }
    }
    if (validUntil < 0) {
      throw invalid("it has no expiry (field 2)");
    }
    long t = Math.max(type, 0);
    LicenceType lt = LicenceType.ofNumber(t)
        .orElseThrow(() -> invalid("its type number " + t + " is unknown"));
    return Optional.of(new Licence(lt, Instant.ofEpochSecond(validUntil)));
  }

  /**
   * A synthetic key of this licence's type and expiry (for simulations and redacted captures):
   * decodes to an equal licence, and carries the organization name {@code synthetic}.
   *
   * @return {@code crl-0-} followed by unpadded base64 of the protobuf
   */
  public String syntheticKey() {
    Bytes out = new Bytes();
    putVarint(out, 2 << 3);
    putVarint(out, validUntil.getEpochSecond());
    if (type.number() != 0) {
      putVarint(out, 3 << 3);
      putVarint(out, type.number());
    }
    byte[] org = "synthetic".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    putVarint(out, (4 << 3) | 2);
    putVarint(out, org.length);
    for (byte b : org) {
      out.write(b);
    }
    return KEY_PREFIX + Base64.getEncoder().withoutPadding().encodeToString(out.toArray());
  }

  /** Type and expiry, never a key. */
  @Override
  public String toString() {
    return type + " licence valid until " + validUntil;
  }

  private static long varint(byte[] b, int[] pos) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= b.length) {
        throw invalid("its protobuf is truncated");
      }
      int x = b[pos[0]++] & 0xff;
      v |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw invalid("its protobuf has an overlong varint");
  }

  /** A growing byte buffer (core does no I/O, so no java.io streams). */
  private static final class Bytes {
    private byte[] buf = new byte[32];
    private int size;

    void write(int b) {
      if (size == buf.length) {
        buf = java.util.Arrays.copyOf(buf, size * 2);
      }
      buf[size++] = (byte) b;
    }

    byte[] toArray() {
      return java.util.Arrays.copyOf(buf, size);
    }
  }

  private static void putVarint(Bytes out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static PcrUpgradeException invalid(String why) {
    return new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
        "the value of enterprise.license is not a CockroachDB licence key: " + why
            + "; check the setting with SHOW CLUSTER SETTING enterprise.license");
  }
}
