/** Text, HTML and PNG renderings of Ciclo's results. */
module dev.ciclo.report {
  requires transitive dev.ciclo.api;
  requires com.google.common;
  // XChart 3.8.8's manifest names its module: a stable name.
  requires transitive org.knowm.xchart;
  requires transitive java.desktop;

  exports dev.ciclo.report;
}
