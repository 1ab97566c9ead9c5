package io.github.pcrupgrade.testkit.internal.wire;

import java.util.Objects;

/**
 * One row of {@code SHOW GRANTS ON ROLE}: a direct role membership (crdb-pcr-sql-facts 11.5;
 * the columns {@code role_name, member, is_admin} are the docs' and UNCONFIRMED in code, 11.5
 * UNCONFIRMED item 10).
 *
 * @param role the role
 * @param member its member
 * @param isAdmin whether the member may administer the role (WITH ADMIN OPTION)
 */
public record RoleMemberRow(String role, String member, boolean isAdmin) {
  public RoleMemberRow {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(member, "member");
  }
}
