package io.github.pcrupgrade.testkit.sql;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A SQL user or role of a simulated cluster: a name, a password checked with SCRAM-SHA-256 (as
 * CockroachDB does for users created on 22.2+; none for a role that cannot log in), whether it is
 * a member of the admin role, its system privileges ({@code GRANT SYSTEM <privilege> TO <name>})
 * and the roles it is a member of (crdb-pcr-sql-facts 11.5). A user has the privileges of every
 * role it belongs to, directly or through other roles; a member of {@code admin} has all.
 * Without a privilege a statement is refused with the product's 42501 errors (see the wire
 * package). The simulation keeps one set of users per cluster, shared by its VCs (the product
 * keeps one per VC, 11.5). {@link #toString()} never prints the password.
 *
 * @param name the user name, non-blank
 * @param password the password, non-empty; null for a role that cannot log in
 * @param admin whether the user is a direct member of the admin role
 * @param systemPrivileges system privileges granted directly, upper case ({@code
 *     MANAGEVIRTUALCLUSTER}, {@code VIEWCLUSTERMETADATA}, {@code ALL}, ...)
 * @param memberOf the roles it is a direct member of (besides {@code admin})
 */
public record SqlUser(String name, String password, boolean admin, Set<String> systemPrivileges,
    Set<String> memberOf) {

  private static final Pattern PRIVILEGE = Pattern.compile("[A-Z][A-Z_]*");

  /**
   * Validates the user and copies its sets.
   *
   * @param name the user name, non-blank
   * @param password the password, non-empty; null for a role that cannot log in
   * @param admin whether the user is a direct member of the admin role
   * @param systemPrivileges system privileges granted directly, each an upper-case name
   * @param memberOf the roles it is a direct member of, never itself
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a blank name, an empty password, a
   *     privilege that is not an upper-case name, or membership of itself
   * @throws NullPointerException if {@code systemPrivileges} or {@code memberOf} (or an element)
   *     is null
   */
  public SqlUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(systemPrivileges, "systemPrivileges");
    Objects.requireNonNull(memberOf, "memberOf");
    if (name == null || name.isBlank()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "a SQL user's name must not be blank");
    }
    if (password != null && password.isEmpty()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "SQL user '" + name + "' needs a non-empty password (or none, for a role)");
    }
    systemPrivileges = Set.copyOf(systemPrivileges);
    memberOf = Set.copyOf(memberOf);
    for (String p : systemPrivileges) {
      if (!PRIVILEGE.matcher(p).matches()) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, "system privilege '" + p
            + "' of SQL user '" + name + "' is not an upper-case privilege name such as"
            + " MANAGEVIRTUALCLUSTER");
      }
    }
    if (memberOf.contains(name)) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "SQL user '" + name + "' cannot be a member of itself");
    }
  }

  /**
   * A user with a password, its admin flag, and no grant or other membership.
   *
   * @param name the user name, non-blank
   * @param password the password, non-empty
   * @param admin whether the user is a member of the admin role
   * @throws NullPointerException if {@code password} is null (use {@link #role} for a role)
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a blank name or an empty password
   */
  public SqlUser(String name, String password, boolean admin) {
    this(name, Objects.requireNonNull(password, "password"), admin, Set.of(), Set.of());
  }

  /**
   * A member of the admin role.
   *
   * @param name the user name, non-blank
   * @param password the password, non-empty
   * @return a user that can log in and holds every privilege
   */
  public static SqlUser admin(String name, String password) {
    return new SqlUser(name, password, true);
  }

  /**
   * A user without the admin role (and, until granted, without any system privilege).
   *
   * @param name the user name, non-blank
   * @param password the password, non-empty
   * @return a user that can log in and is refused every statement that needs a privilege
   */
  public static SqlUser withoutAdmin(String name, String password) {
    return new SqlUser(name, password, false);
  }

  /**
   * A role that cannot log in, holding {@code privileges} (e.g. for users to be members of).
   *
   * @param name the role's name, non-blank
   * @param privileges system privileges, in any case (upper-cased)
   * @return a role without a password
   */
  public static SqlUser role(String name, String... privileges) {
    Objects.requireNonNull(privileges, "privileges");
    return new SqlUser(name, null, false, upper(privileges), Set.of());
  }

  /**
   * This with {@code privileges} granted as well ({@code GRANT SYSTEM ... TO name}).
   *
   * @param privileges system privileges, in any case (upper-cased)
   * @return a copy holding these privileges besides its own
   */
  public SqlUser withSystemPrivileges(String... privileges) {
    Objects.requireNonNull(privileges, "privileges");
    Set<String> all = new LinkedHashSet<>(systemPrivileges);
    all.addAll(upper(privileges));
    return new SqlUser(name, password, admin, all, memberOf);
  }

  /**
   * This as a member of {@code roles} as well ({@code GRANT role TO name}).
   *
   * @param roles role names, as given (never this user's own name)
   * @return a copy that is a member of these roles besides its own
   */
  public SqlUser memberOf(String... roles) {
    Objects.requireNonNull(roles, "roles");
    Set<String> all = new LinkedHashSet<>(memberOf);
    all.addAll(Arrays.asList(roles));
    return new SqlUser(name, password, admin, systemPrivileges, all);
  }

  /**
   * Whether the user can log in (has a password).
   *
   * @return false for a role
   */
  public boolean canLogin() {
    return password != null;
  }

  private static Set<String> upper(String... privileges) {
    Set<String> out = new LinkedHashSet<>();
    for (String p : privileges) {
      out.add(Objects.requireNonNull(p, "privilege").toUpperCase(Locale.ROOT));
    }
    return out;
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "SqlUser[" + name + (admin ? ", admin" : "") + (systemPrivileges.isEmpty() ? ""
        : ", " + systemPrivileges) + (memberOf.isEmpty() ? "" : ", member of " + memberOf)
        + (password == null ? ", NOLOGIN" : ", password=****") + "]";
  }
}
