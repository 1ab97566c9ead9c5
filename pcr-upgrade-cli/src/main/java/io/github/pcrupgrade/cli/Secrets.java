package io.github.pcrupgrade.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The secrets one invocation was given (the password and user info of every URL argument, however
 * malformed, and the values of password environment variables), so that no message the command prints can
 * echo any part of them: every error line passes through {@link #scrub}.
 */
final class Secrets {

  private static final int MIN_FRAGMENT = 3;

  private final List<String> secrets;

  private Secrets(List<String> secrets) {
    this.secrets = secrets.stream().distinct()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** The secrets in {@code args} and in the environment's {@code *PASSWORD*} variables. */
  static Secrets of(String[] args, Map<String, String> env) {
    List<String> found = new ArrayList<>();
    for (String arg : args) {
      int scheme = arg.indexOf("://");
      int start = scheme >= 0 ? scheme + 3 : 0; // a URL pasted without its scheme too
      int at = arg.lastIndexOf('@');
      int colon = arg.indexOf(':', start);
      if (at > start && (scheme >= 0 || (colon >= 0 && colon < at))) {
        String userInfo = arg.substring(start, at);
        int c = userInfo.indexOf(':');
        if (c >= 0) { // a user name alone is no secret, and messages name it
          add(found, userInfo);
          String password = userInfo.substring(c + 1);
          add(found, password);
          for (String part : password.split("[@/?#:&=]")) {
            add(found, part);
          }
        }
      }
      int pw = arg.toLowerCase(Locale.ROOT).indexOf("password=");
      if (pw >= 0) {
        String v = arg.substring(pw + "password=".length());
        int amp = v.indexOf('&');
        add(found, amp >= 0 ? v.substring(0, amp) : v);
      }
    }
    env.forEach((k, v) -> {
      if (k.toUpperCase(Locale.ROOT).contains("PASSWORD")) {
        add(found, v);
      }
    });
    return new Secrets(found);
  }

  private static void add(List<String> found, String s) {
    if (s != null && s.length() >= MIN_FRAGMENT) {
      found.add(s);
    }
  }

  /** {@code text} with every secret (and every fragment of a password) replaced by ****. */
  String scrub(String text) {
    String t = text;
    for (String s : secrets) {
      t = t.replace(s, "****");
    }
    return t;
  }
}
