package io.github.pcrupgrade.testkit.internal.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802/7677) without channel binding. The
 * client's user name in {@code n=} is ignored, as PostgreSQL does (the startup user counts).
 */
final class ScramExchange {
  static final String MECHANISM = "SCRAM-SHA-256";

  private final Credential.ScramSha256 secret;
  private final Random random;
  private String gs2Header;
  private String clientFirstBare;
  private String serverFirst;
  private String nonce;

  ScramExchange(Credential.ScramSha256 secret, Random random) {
    this.secret = secret;
    this.random = random;
  }

  /** Reads client-first-message and returns server-first-message. */
  byte[] serverFirst(byte[] clientFirstBytes) throws ProtocolViolation {
    String clientFirst = new String(clientFirstBytes, StandardCharsets.UTF_8);
    if (clientFirst.startsWith("p=")) {
      throw new ProtocolViolation("channel binding is not supported");
    }
    if (!clientFirst.startsWith("n,") && !clientFirst.startsWith("y,")) {
      throw new ProtocolViolation("malformed SCRAM message (invalid GS2 header)");
    }
    int second = clientFirst.indexOf(',', 2);
    if (second < 0) {
      throw new ProtocolViolation("malformed SCRAM message (invalid GS2 header)");
    }
    gs2Header = clientFirst.substring(0, second + 1);
    clientFirstBare = clientFirst.substring(second + 1);
    String clientNonce = attribute(clientFirstBare, 'r');
    byte[] serverNonce = new byte[18];
    random.nextBytes(serverNonce);
    nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
    serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(secret.salt())
        + ",i=" + secret.iterations();
    return serverFirst.getBytes(StandardCharsets.UTF_8);
  }

  /** Checks client-final-message; returns server-final-message, or empty if the proof is wrong. */
  Optional<byte[]> serverFinal(byte[] clientFinalBytes) throws ProtocolViolation {
    String clientFinal = new String(clientFinalBytes, StandardCharsets.UTF_8);
    int proofAt = clientFinal.lastIndexOf(",p=");
    if (proofAt < 0) {
      throw new ProtocolViolation("malformed SCRAM message (missing proof)");
    }
    String withoutProof = clientFinal.substring(0, proofAt);
    String binding = attribute(withoutProof, 'c');
    if (!binding.equals(
        Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8)))) {
      throw new ProtocolViolation("malformed SCRAM message (unexpected channel binding)");
    }
    if (!attribute(withoutProof, 'r').equals(nonce)) {
      throw new ProtocolViolation("malformed SCRAM message (nonce mismatch)");
    }
    byte[] proof;
    try {
      proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
    } catch (IllegalArgumentException e) {
      throw new ProtocolViolation("malformed SCRAM message (invalid proof)");
    }
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] auth = authMessage.getBytes(StandardCharsets.UTF_8);
    try {
      byte[] clientSignature = Credential.ScramSha256.hmac(secret.storedKey(), auth);
      if (proof.length != clientSignature.length) {
        return Optional.empty();
      }
      byte[] clientKey = new byte[proof.length];
      for (int i = 0; i < proof.length; i++) {
        clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
      }
      byte[] stored = MessageDigest.getInstance("SHA-256").digest(clientKey);
      if (!MessageDigest.isEqual(stored, secret.storedKey())) {
        return Optional.empty();
      }
      byte[] serverSignature = Credential.ScramSha256.hmac(secret.serverKey(), auth);
      return Optional.of(("v=" + Base64.getEncoder().encodeToString(serverSignature))
          .getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256 or SHA-256", e);
    }
  }

  private static String attribute(String message, char name) throws ProtocolViolation {
    for (String part : message.split(",")) {
      if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
        return part.substring(2);
      }
    }
    throw new ProtocolViolation("malformed SCRAM message (missing attribute " + name + ")");
  }
}
