package io.github.pcrupgrade.testkit.internal.wire;

import io.github.pcrupgrade.testkit.internal.sql.SqlType;
import java.util.Objects;

/** A result column: its name and SQL type (which gives the pg OID). */
record Column(String name, SqlType type) {
  Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
