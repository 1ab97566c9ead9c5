package io.github.pcrupgrade.core.model;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A user's effective system privileges in one VC: its own direct grants and those of every role it
 * belongs to, directly or through other roles (the closure of {@code SHOW GRANTS ON ROLE} over
 * {@code SHOW SYSTEM GRANTS}, which lists direct grants only); a member of {@code admin} has
 * every privilege, and {@code ALL} stands for every privilege (crdb-pcr-sql-facts 11.5,
 * {@code gh:cockroach#116844}). Pure and immutable: the testkit uses it to authorize the
 * simulation's statements, the JDBC preflight to judge what it read.
 *
 * @param roles the user and every role it belongs to, transitively, in discovery order
 * @param granted the privileges granted to any of them, upper case as the product prints them
 */
public record EffectivePrivileges(Set<String> roles, Set<String> granted) {
  /** The role whose members have every privilege. */
  public static final String ADMIN = "admin";

  /**
   * One row of {@code SHOW SYSTEM GRANTS}: {@code privilege} granted directly to {@code grantee}.
   *
   * @param grantee the user or role, as the product prints it
   * @param privilege the privilege, upper case as the product prints it ({@code ALL} for every one)
   */
  public record Grant(String grantee, String privilege) {
    /**
     * Checks that no component is null.
     *
     * @param grantee not null
     * @param privilege not null
     */
    public Grant {
      Objects.requireNonNull(grantee, "grantee");
      Objects.requireNonNull(privilege, "privilege");
    }
  }

  /**
   * One row of {@code SHOW GRANTS ON ROLE}: {@code member} belongs to {@code role}.
   *
   * @param role the role granted
   * @param member the user or role it is granted to
   */
  public record Membership(String role, String member) {
    /**
     * Checks that no component is null.
     *
     * @param role not null
     * @param member not null
     */
    public Membership {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(member, "member");
    }
  }

  /**
   * Copies the sets, keeping their iteration order.
   *
   * @param roles not null
   * @param granted not null
   */
  public EffectivePrivileges {
    Objects.requireNonNull(roles, "roles");
    Objects.requireNonNull(granted, "granted");
    roles = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(roles));
    granted = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(granted));
  }

  /**
   * The effective privileges of {@code user} from the direct grants and the direct memberships;
   * a membership cycle ends the walk (each role is visited once).
   *
   * @param user the user, compared exactly with grantees and members
   * @param grants every direct system grant read, to anyone (those of unrelated roles are ignored)
   * @param memberships every direct membership read
   * @return the privileges; {@link #roles()} starts with {@code user}
   */
  public static EffectivePrivileges of(String user, Collection<Grant> grants,
      Collection<Membership> memberships) {
    Objects.requireNonNull(grants, "grants");
    Objects.requireNonNull(memberships, "memberships");
    Objects.requireNonNull(user, "user");
    Set<String> roles = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(user));
    while (!todo.isEmpty()) {
      String r = todo.pop();
      if (roles.add(r)) {
        memberships.stream().filter(m -> m.member().equals(r)).map(Membership::role)
            .forEach(todo::push);
      }
    }
    Set<String> granted = new LinkedHashSet<>();
    grants.stream().filter(g -> roles.contains(g.grantee())).map(Grant::privilege)
        .forEach(granted::add);
    return new EffectivePrivileges(roles, granted);
  }

  /**
   * Whether the user is a member of {@code admin} (directly or through roles).
   *
   * @return true when {@link #roles()} contains {@value #ADMIN}
   */
  public boolean admin() {
    return roles.contains(ADMIN);
  }

  /**
   * Whether the user has {@code privilege}: as admin, through {@code ALL}, or granted.
   *
   * @param privilege upper case, as the product prints it ({@code REPLICATION}, say); compared
   *     exactly
   * @return true when the user has it
   */
  public boolean has(String privilege) {
    Objects.requireNonNull(privilege, "privilege");
    return admin() || granted.contains("ALL") || granted.contains(privilege);
  }
}
