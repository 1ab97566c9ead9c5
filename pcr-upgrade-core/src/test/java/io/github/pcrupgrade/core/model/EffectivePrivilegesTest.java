package io.github.pcrupgrade.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.EffectivePrivileges.Grant;
import io.github.pcrupgrade.core.model.EffectivePrivileges.Membership;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The role-membership closure of crdb-pcr-sql-facts 11.5: SHOW SYSTEM GRANTS lists direct grants
 * only, so a user's privileges are those of the user and every role it belongs to, transitively;
 * admin implies everything (gh:cockroach#116844).
 */
class EffectivePrivilegesTest {

  @Test
  void privilegesOfRolesReachedThroughOtherRolesCount() {
    EffectivePrivileges p = EffectivePrivileges.of("u",
        List.of(new Grant("ops", "MANAGEVIRTUALCLUSTER"), new Grant("other", "VIEWJOB")),
        List.of(new Membership("team", "u"), new Membership("ops", "team")));

    assertThat(p.roles()).containsExactly("u", "team", "ops");
    assertThat(p.has("MANAGEVIRTUALCLUSTER")).isTrue();
    assertThat(p.has("VIEWJOB")).as("granted to a role u is not in").isFalse();
    assertThat(p.admin()).isFalse();
  }

  @Test
  void aMemberOfAdminThroughARoleHasEveryPrivilege() {
    EffectivePrivileges p = EffectivePrivileges.of("u", List.of(),
        List.of(new Membership("dba", "u"), new Membership("admin", "dba")));

    assertThat(p.admin()).isTrue();
    assertThat(p.has("VIEWCLUSTERMETADATA")).isTrue();
  }

  @Test
  void allStandsForEveryPrivilege() {
    EffectivePrivileges p = EffectivePrivileges.of("u", List.of(new Grant("u", "ALL")),
        List.of());

    assertThat(p.admin()).isFalse();
    assertThat(p.has("MODIFYCLUSTERSETTING")).isTrue();
  }

  @Test
  void aMembershipCycleEnds() {
    EffectivePrivileges p = EffectivePrivileges.of("u", List.of(new Grant("b", "VIEWJOB")),
        List.of(new Membership("a", "u"), new Membership("b", "a"), new Membership("a", "b")));

    assertThat(p.roles()).containsExactlyInAnyOrder("u", "a", "b");
    assertThat(p.has("VIEWJOB")).isTrue();
  }
}
