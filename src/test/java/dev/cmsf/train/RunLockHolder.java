package dev.cmsf.train;

import java.nio.file.Path;

/** The child JVM of {@link RunLockTest}: locks the run directory {@code args[0]} until killed. */
final class RunLockHolder {
  private RunLockHolder() {}

  public static void main(String[] args) throws Exception {
    RunLock lock = RunLock.acquire(Path.of(args[0]));
    System.out.println("locked");
    System.out.flush();
    Thread.sleep(120_000);
    lock.close();
  }
}
