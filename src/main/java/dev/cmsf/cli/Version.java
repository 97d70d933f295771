package dev.cmsf.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version}: the jar's, with the engine it runs on. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "cmsf " + (version == null ? "(development build)" : version),
      "DJL 0.36.0, PyTorch 2.7.1, Java " + System.getProperty("java.version")
    };
  }
}
