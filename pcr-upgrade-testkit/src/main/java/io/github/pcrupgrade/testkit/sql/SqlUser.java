package io.github.pcrupgrade.testkit.sql;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.util.Objects;

/**
 * A SQL user of a simulated cluster: a name, a password checked with SCRAM-SHA-256 (as
 * CockroachDB does for users created on 22.2+), and whether the user has the admin role. A user
 * without it is refused VC management, the internal tables and cluster settings with the product's
 * 42501 errors, which is how the simulation represents "not admin". {@link #toString()} never
 * prints the password.
 *
 * @param name the user name, non-blank
 * @param password the password, non-empty
 * @param admin whether the user is a member of the admin role
 */
public record SqlUser(String name, String password, boolean admin) {

  public SqlUser {
    if (name == null || name.isBlank()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "a SQL user's name must not be blank");
    }
    Objects.requireNonNull(password, "password");
    if (password.isEmpty()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "SQL user '" + name + "' needs a non-empty password");
    }
  }

  /** A member of the admin role. */
  public static SqlUser admin(String name, String password) {
    return new SqlUser(name, password, true);
  }

  /** A user without the admin role (and so without any system privilege). */
  public static SqlUser withoutAdmin(String name, String password) {
    return new SqlUser(name, password, false);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "SqlUser[" + name + (admin ? ", admin" : "") + ", password=****]";
  }
}
