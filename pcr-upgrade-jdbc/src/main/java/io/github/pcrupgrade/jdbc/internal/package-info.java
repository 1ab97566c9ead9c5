/**
 * Implementation of the JDBC adapters: connection pools per VC, statement execution and error
 * translation, the inspector and operations. Not API: use {@link
 * io.github.pcrupgrade.jdbc.CockroachCluster}.
 */
package io.github.pcrupgrade.jdbc.internal;
