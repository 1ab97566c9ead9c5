package io.github.pcrupgrade.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The licence key format of crdb-pcr-sql-facts 11.3: {@code crl-0-} + base64 of protobuf. */
class LicenceTest {

  @Test
  void decodesAHandBuiltKeyByTheFieldsOfTheFact() {
    // field 2 (varint) valid_until_unix_sec = 1_900_000_000; field 3 (varint) type = 3 (Free);
    // field 4 (bytes) organization_name = "acme"
    byte[] proto = {0x10, (byte) 0x80, (byte) 0xe6, (byte) 0xfe, (byte) 0x89, 0x07, 0x18, 0x03,
        0x22, 0x04, 'a', 'c', 'm', 'e'};
    String key = "crl-0-" + Base64.getEncoder().withoutPadding().encodeToString(proto);

    assertThat(Licence.decode(key)).contains(
        new Licence(LicenceType.FREE, Instant.ofEpochSecond(1_900_000_000L)));
  }

  @Test
  void anEmptySettingIsNoLicence() {
    assertThat(Licence.decode("")).isEmpty();
  }

  @Test
  void aKeyThatIsNotALicenceIsATypedErrorWithoutTheKey() {
    PcrUpgradeException e = catchThrowableOfType(() -> Licence.decode("crl-0-!!secret!!"),
        PcrUpgradeException.class);
    assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("not base64").doesNotContain("secret");

    e = catchThrowableOfType(() -> Licence.decode("abc"), PcrUpgradeException.class);
    assertThat(e.getMessage()).contains("crl-0-").doesNotContain("abc");
  }

  @Test
  void aSyntheticKeyDecodesToTheSameTypeAndExpiry() {
    qt().forAll(integers().between(0, LicenceType.values().length - 1),
            longs().between(0, 10_000_000_000L))
        .checkAssert((t, secs) -> {
          Licence l = new Licence(LicenceType.values()[t], Instant.ofEpochSecond(secs));
          assertThat(Licence.decode(l.syntheticKey())).isEqualTo(Optional.of(l));
          assertThat(l.toString()).doesNotContain(Licence.KEY_PREFIX);
        });
  }
}
