package io.github.pcrupgrade.testkit.sql;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a VC replicated from before it was promoted, as {@code SHOW VIRTUAL CLUSTER <vc> WITH
 * PRIOR REPLICATION DETAILS} shows it (crdb-pcr-sql-facts 11.1, {@code crdb:pkg/sql/show_tenant.go}
 * at c458d835): recorded by the product at failover ({@code PreviousSourceTenant} in the tenant
 * record, {@code activateTenant}).
 *
 * @param sourceClusterId the source cluster's ID: its system VC's
 *     {@code crdb_internal.cluster_id()}
 * @param sourceTenantId the source VC's tenant id
 * @param activationTime the failover time as an HLC decimal
 */
public record PriorReplication(UUID sourceClusterId, long sourceTenantId,
    BigDecimal activationTime) {

  /**
   * Checks the components.
   *
   * @param sourceClusterId the source cluster's ID: its system VC's
 *     {@code crdb_internal.cluster_id()}
   * @param sourceTenantId the source VC's tenant id
   * @param activationTime the failover time as an HLC decimal
   */
  public PriorReplication {
    Objects.requireNonNull(sourceClusterId, "sourceClusterId");
    Objects.requireNonNull(activationTime, "activationTime");
  }

  /**
   * The {@code source_id} column: {@code "<cluster-uuid>:<tenant-id>"}; the tenant id's text form
   * (here the plain number) is UNCONFIRMED (11.1, UNCONFIRMED item 2).
   *
   * @return the source cluster's ID and the source VC's tenant id, joined by a colon
   */
  public String sourceId() {
    return sourceClusterId + ":" + sourceTenantId;
  }
}
