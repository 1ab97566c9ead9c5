/**
 * Internal to the testkit (not exported by its module): binds a simulated cluster to the wire
 * front ({@link io.github.pcrupgrade.testkit.internal.backend.SimulatedClusterBackend}) and layers
 * a served cluster's administration answers over it ({@link
 * io.github.pcrupgrade.testkit.internal.backend.AdministeredBackend}). Used by {@code
 * io.github.pcrupgrade.testkit.sql.SimulatedPcrServer}.
 */
package io.github.pcrupgrade.testkit.internal.backend;
