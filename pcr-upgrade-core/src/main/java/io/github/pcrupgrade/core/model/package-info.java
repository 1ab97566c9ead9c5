/**
 * The observed deployment, for inspector writers who build it and for rules and planners that
 * read it: immutable snapshots of a primary and a standby cluster, their nodes, virtual clusters,
 * versions (with how each was obtained) and replication status. Construction rejects a snapshot
 * that contradicts itself with {@code INVALID_ARGUMENT}.
 */
package io.github.pcrupgrade.core.model;
