/** An embedder's modular application, as the README tells one to write it. */
module io.github.pcrupgrade.consumer {
  requires io.github.pcrupgrade.core;
  requires io.github.pcrupgrade.json;
  requires io.github.pcrupgrade.journal.file;
  requires io.github.pcrupgrade.jdbc;
  requires io.github.pcrupgrade.testkit;

  exports io.github.pcrupgrade.consumer;
}
