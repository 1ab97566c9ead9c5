package io.github.pcrupgrade.testkit.internal.wire;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A user's effective system privileges: its own grants and those of every role it belongs to,
 * directly or through other roles; a member of {@code admin} has every privilege, and {@code ALL}
 * stands for every privilege (crdb-pcr-sql-facts 11.5). Immutable.
 *
 * @param roles the user and every role it belongs to, transitively
 * @param granted the privileges granted to any of them
 */
public record Privileges(Set<String> roles, Set<String> granted) {

  public Privileges {
    roles = Set.copyOf(roles);
    granted = Set.copyOf(granted);
  }

  /** The effective privileges of {@code user} from the direct grants and memberships. */
  public static Privileges of(String user, List<SystemGrantRow> grants,
      List<RoleMemberRow> members) {
    Set<String> roles = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(user));
    while (!todo.isEmpty()) {
      String r = todo.pop();
      if (roles.add(r)) {
        members.stream().filter(m -> m.member().equals(r)).map(RoleMemberRow::role)
            .forEach(todo::push);
      }
    }
    Set<String> granted = new LinkedHashSet<>();
    grants.stream().filter(g -> roles.contains(g.grantee())).map(SystemGrantRow::privilege)
        .forEach(granted::add);
    return new Privileges(roles, granted);
  }

  /** Whether the user is a member of {@code admin} (directly or through roles). */
  public boolean admin() {
    return roles.contains("admin");
  }

  /** Whether the user has {@code privilege}: as admin, through {@code ALL}, or granted. */
  public boolean has(String privilege) {
    return admin() || granted.contains("ALL") || granted.contains(privilege);
  }
}
