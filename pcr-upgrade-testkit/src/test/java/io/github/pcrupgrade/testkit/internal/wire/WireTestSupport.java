package io.github.pcrupgrade.testkit.internal.wire;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Connecting through pgjdbc and reading results. */
final class WireTestSupport {
  private WireTestSupport() {}

  static String url(WireServer server, String query) {
    return "jdbc:postgresql://127.0.0.1:" + server.port() + "/defaultdb"
        + (query.isEmpty() ? "" : "?" + query);
  }

  static Connection connect(WireServer server, String vc) throws SQLException {
    return connect(server, "options=-ccluster%3D" + vc, "root", "secret");
  }

  static Connection connect(WireServer server, String query, String user, String password)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("sslmode", "disable");
    return DriverManager.getConnection(url(server, query), p);
  }

  static List<String> columnNames(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      out.add(md.getColumnName(i));
    }
    return out;
  }

  static List<String> columnTypes(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      out.add(md.getColumnTypeName(i));
    }
    return out;
  }

  static List<List<String>> rows(ResultSet rs) throws SQLException {
    int n = rs.getMetaData().getColumnCount();
    List<List<String>> out = new ArrayList<>();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(rs.getString(i));
      }
      out.add(row);
    }
    return out;
  }
}
