package dev.cmsf.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark session of the test JVM, shared by every test class (starting one costs
 * seconds; surefire runs all classes in one JVM): {@code local[2]}, loopback only, no UI.
 */
final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  static synchronized SparkSession get() {
    if (session == null) {
      session =
          SparkSession.builder()
              .appName("cmsf-spark tests")
              .master("local[2]")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "4")
              .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }
}
