package io.github.pcrupgrade.testkit.internal.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A user's stored password credential. A {@link ScramSha256} credential makes the server run
 * SCRAM-SHA-256; a {@link Cleartext} one makes it ask for a cleartext password, as CockroachDB's
 * {@code cert-password} method does for SCRAM and bcrypt hashes respectively.
 */
public sealed interface Credential {

  /**
   * A SCRAM-SHA-256 stored secret (RFC 5802/7677). The server never sees the password.
   *
   * @param salt the salt, non-empty
   * @param iterations the PBKDF2 iteration count, at least 1 (4096 is usual)
   * @param storedKey {@code H(HMAC(SaltedPassword, "Client Key"))}, 32 bytes
   * @param serverKey {@code HMAC(SaltedPassword, "Server Key")}, 32 bytes
   */
  record ScramSha256(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey)
      implements Credential {

    /** The iteration count PostgreSQL and CockroachDB use by default. */
    public static final int DEFAULT_ITERATIONS = 4096;

    public ScramSha256 {
      if (salt == null || salt.length == 0) {
        throw new IllegalArgumentException("salt must be non-empty");
      }
      if (iterations < 1) {
        throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
      }
      if (storedKey == null || storedKey.length != 32 || serverKey == null || serverKey.length != 32) {
        throw new IllegalArgumentException("storedKey and serverKey must be 32 bytes each");
      }
      salt = salt.clone();
      storedKey = storedKey.clone();
      serverKey = serverKey.clone();
    }

    /**
     * The secret of {@code password} with {@code salt} and {@code iterations}. The password is
     * used as UTF-8 without SASLprep normalisation (equivalent for ASCII passwords).
     */
    public static ScramSha256 fromPassword(String password, byte[] salt, int iterations) {
      Objects.requireNonNull(password, "password");
      try {
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salted =
            f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                .getEncoded();
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        return new ScramSha256(salt, iterations, storedKey, serverKey);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256 or SHA-256", e);
      }
    }

    /** The secret of {@code password} with a 16-byte salt drawn from {@code random}, 4096 iterations. */
    public static ScramSha256 fromPassword(String password, Random random) {
      byte[] salt = new byte[16];
      random.nextBytes(salt);
      return fromPassword(password, salt, DEFAULT_ITERATIONS);
    }

    @Override
    public byte[] salt() {
      return salt.clone();
    }

    @Override
    public byte[] storedKey() {
      return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
      return serverKey.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ScramSha256 s
          && iterations == s.iterations
          && Arrays.equals(salt, s.salt)
          && Arrays.equals(storedKey, s.storedKey)
          && Arrays.equals(serverKey, s.serverKey);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(storedKey);
    }

    /** Never prints key material. */
    @Override
    public String toString() {
      return "ScramSha256[iterations=" + iterations + "]";
    }

    static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    }
  }

  /** A password checked by comparison after a cleartext password exchange. */
  record Cleartext(String password) implements Credential {
    public Cleartext {
      Objects.requireNonNull(password, "password");
    }

    /** Never prints the password. */
    @Override
    public String toString() {
      return "Cleartext[***]";
    }
  }
}
