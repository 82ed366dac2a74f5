/** Contract tests that every implementation of a Ciclo interface extends. */
module dev.ciclo.testkit {
  requires transitive dev.ciclo.api;
  requires transitive org.junit.jupiter.api;

  exports dev.ciclo.testkit;
  // JUnit instantiates the contract classes reflectively.
  opens dev.ciclo.testkit to org.junit.platform.commons;
}
