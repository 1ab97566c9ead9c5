package io.github.pcrupgrade.testkit.internal.wire;

import java.util.Objects;

/**
 * One row of {@code SHOW SYSTEM GRANTS}: a direct grant of a system privilege (crdb-pcr-sql-facts
 * 11.5; columns {@code grantee, privilege_type, is_grantable}).
 *
 * @param grantee the user or role
 * @param privilege the privilege, upper case (possibly {@code ALL})
 * @param grantable whether it was granted WITH GRANT OPTION
 */
public record SystemGrantRow(String grantee, String privilege, boolean grantable) {
  public SystemGrantRow {
    Objects.requireNonNull(grantee, "grantee");
    Objects.requireNonNull(privilege, "privilege");
  }
}
