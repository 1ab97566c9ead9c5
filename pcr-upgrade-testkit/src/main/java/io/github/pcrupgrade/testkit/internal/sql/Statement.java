package io.github.pcrupgrade.testkit.internal.sql;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed statement of the supported SQL subset (see the package documentation of
 * {@code io.github.pcrupgrade.testkit.internal.wire} for the accepted forms). {@code TENANT} and {@code
 * VIRTUAL CLUSTER} parse to the same statements. Virtual cluster names are expressions that
 * evaluate to a string: a {@link Expr.StringLiteral} (an identifier or a string literal as
 * written) or a {@link Expr.Placeholder}.
 */
public sealed interface Statement {

  /** {@code SHOW CLUSTER SETTING <name>}. */
  record ShowClusterSetting(String name) implements Statement {
    public ShowClusterSetting {
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code SET CLUSTER SETTING <name> = <value>}; {@code value} is {@link Expr.Default} for DEFAULT. */
  record SetClusterSetting(String name, Expr value) implements Statement {
    public SetClusterSetting {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code RESET CLUSTER SETTING <name>}. */
  record ResetClusterSetting(String name) implements Statement {
    public ResetClusterSetting {
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code SHOW VIRTUAL CLUSTERS} (no name) or {@code SHOW VIRTUAL CLUSTER <name>}, with options. */
  record ShowVirtualClusters(Optional<Expr> name, Set<ShowOption> options) implements Statement {
    public ShowVirtualClusters {
      Objects.requireNonNull(name, "name");
      options = Set.copyOf(options);
    }
  }

  /** The {@code WITH ...} options of {@code SHOW VIRTUAL CLUSTER}. */
  enum ShowOption {
    /** {@code WITH REPLICATION STATUS}: replication columns instead of data state and service mode. */
    REPLICATION_STATUS,
    /** {@code WITH CAPABILITIES}: not supported by the simulation. */
    CAPABILITIES,
    /** {@code WITH PRIOR REPLICATION DETAILS}: where a promoted VC came from (source_id). */
    PRIOR_REPLICATION_DETAILS
  }

  /** {@code ALTER VIRTUAL CLUSTER <name> <action>}. */
  record AlterVirtualCluster(Expr name, AlterAction action) implements Statement {
    public AlterVirtualCluster {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(action, "action");
    }
  }

  /** What an {@code ALTER VIRTUAL CLUSTER} does. */
  sealed interface AlterAction {}

  /** The {@code ALTER VIRTUAL CLUSTER} actions without arguments. */
  enum SimpleAlter implements AlterAction {
    /** {@code STOP SERVICE}. */
    STOP_SERVICE,
    /** {@code START SERVICE SHARED}. */
    START_SERVICE_SHARED,
    /** {@code SET REPLICATION READ VIRTUAL CLUSTER}. */
    SET_REPLICATION_READ_VIRTUAL_CLUSTER,
    /** {@code COMPLETE REPLICATION TO LATEST}. */
    COMPLETE_REPLICATION_TO_LATEST,
    /** {@code PAUSE REPLICATION}. */
    PAUSE_REPLICATION,
    /** {@code RESUME REPLICATION}. */
    RESUME_REPLICATION
  }

  /** {@code START REPLICATION OF <source> ON <uri> [WITH READ VIRTUAL CLUSTER]}. */
  record StartReplication(Expr source, Expr uri, boolean withReadVirtualCluster)
      implements AlterAction {
    public StartReplication {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(uri, "uri");
    }
  }

  /** {@code DROP VIRTUAL CLUSTER [IF EXISTS] <name> [IMMEDIATE]}. */
  record DropVirtualCluster(Expr name, boolean ifExists, boolean immediate) implements Statement {
    public DropVirtualCluster {
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code SET [SESSION] <var> {= | TO} <value>[, ...]}; a value may be {@link Expr.Default}. */
  record SetVariable(String name, List<Expr> values) implements Statement {
    public SetVariable {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
    }
  }

  /** {@code RESET <var>}. */
  record ResetVariable(String name) implements Statement {
    public ResetVariable {
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code SHOW SYSTEM GRANTS [FOR <name>, ...]}: direct system grants (empty list: all). */
  record ShowSystemGrants(List<String> grantees) implements Statement {
    public ShowSystemGrants {
      grantees = List.copyOf(grantees);
    }
  }

  /** {@code SHOW GRANTS ON ROLE [FOR <name>, ...]}: direct role memberships (empty list: all). */
  record ShowRoleGrants(List<String> members) implements Statement {
    public ShowRoleGrants {
      members = List.copyOf(members);
    }
  }

  /** {@code SHOW JOBS}: every job of the VC the session is connected to. */
  record ShowJobs() implements Statement {}

  /** {@code SHOW <var>}, {@code SHOW TRANSACTION ISOLATION LEVEL}, {@code SHOW TIME ZONE}. */
  record ShowVariable(String name) implements Statement {
    public ShowVariable {
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code BEGIN}, {@code COMMIT}, {@code ROLLBACK} and their synonyms. */
  record TransactionControl(TransactionVerb verb) implements Statement {
    public TransactionControl {
      Objects.requireNonNull(verb, "verb");
    }
  }

  /** The transaction control verbs. */
  enum TransactionVerb {
    /** {@code BEGIN [TRANSACTION]}, {@code START TRANSACTION}. */
    BEGIN,
    /** {@code COMMIT}, {@code END}. */
    COMMIT,
    /** {@code ROLLBACK}, {@code ABORT}. */
    ROLLBACK
  }

  /**
   * {@code SELECT <items> [FROM <table> [LEFT JOIN <table> USING (<cols>)]] [WHERE <a = b> [AND
   * ...]] [GROUP BY <cols>]}.
   */
  record Select(
      List<SelectItem> items,
      Optional<TableRef> from,
      Optional<Join> join,
      List<Equality> where,
      List<Expr.ColumnRef> groupBy)
      implements Statement {
    public Select {
      items = List.copyOf(items);
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(join, "join");
      where = List.copyOf(where);
      groupBy = List.copyOf(groupBy);
    }
  }

  /** One projection: {@code *} ({@code expr} null) or an expression with an optional alias. */
  record SelectItem(Expr expr, Optional<String> alias) implements Statement.Part {
    public SelectItem {
      Objects.requireNonNull(alias, "alias");
    }

    /** True for {@code *}. */
    public boolean isStar() {
      return expr == null;
    }
  }

  /** A table in FROM: lower-case qualified name ({@code crdb_internal.gossip_nodes}) and alias. */
  record TableRef(String name, Optional<String> alias) implements Statement.Part {
    public TableRef {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(alias, "alias");
    }

    /** The name columns may be qualified with: the alias, else the last part of the name. */
    public String qualifier() {
      return alias.orElse(name.substring(name.lastIndexOf('.') + 1));
    }
  }

  /** {@code LEFT [OUTER] JOIN <table> USING (<columns>)}. */
  record Join(TableRef table, List<String> using) implements Statement.Part {
    public Join {
      Objects.requireNonNull(table, "table");
      using = List.copyOf(using);
    }
  }

  /** {@code left = right} in WHERE. */
  record Equality(Expr left, Expr right) implements Statement.Part {
    public Equality {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  /**
   * A statement that lexes and is a statement of CockroachDB's grammar as far as this parser can
   * tell, but is outside the simulated subset (SQLSTATE {@code 0A000}).
   */
  record Unsupported(String text) implements Statement {
    public Unsupported {
      Objects.requireNonNull(text, "text");
    }
  }

  /** Marker for the pieces of a statement that are not statements themselves. */
  interface Part {}
}
