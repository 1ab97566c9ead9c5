/** pcr-upgrade's journal in a local file, with a lease, for a single host. */
module io.github.pcrupgrade.journal.file {
  requires transitive io.github.pcrupgrade.core;
  requires org.slf4j;

  exports io.github.pcrupgrade.journal.file;
}
