package dev.cmsf.train;

import dev.cmsf.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per run directory: an OS lock on {@code DIR/.lock}, held while a process trains
 * the run. The kernel drops the lock when its process ends, however it ends, so a killed run
 * never blocks the next one; the file's content only names the holder for the refusal.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name in a run directory. */
  public static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks the existing directory {@code root} for this process.
   *
   * @throws ConfigException naming the process that holds it
   */
  public static RunLock acquire(Path root) {
    Path file = root.resolve(FILE);
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new ConfigException(root + ": cannot open the run's lock file (" + e + ")");
    }
    try {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new ConfigException(
            root
                + ": "
                + holder
                + " is training this run; wait for it"
                + " to end or stop it first");
      }
      long pid = ProcessHandle.current().pid();
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      return new RunLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new ConfigException(root + ": cannot lock the run directory (" + e + ")");
    }
  }

  /** The lock, or null when another process (or this one, elsewhere) holds it. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // this JVM holds it already: refused like any other holder
    }
  }

  /** "process PID" as the holder wrote it, or a description when it has not written yet. */
  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(64);
    channel.read(bytes, 0);
    String pid = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).trim();
    return pid.matches("\\d+") ? "process " + pid : "another process";
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // the lock is released with the channel either way
    }
  }

  /** Whether {@code file} is a run directory's lock file (not part of the run). */
  static boolean isLockFile(Path file) {
    return file.getFileName().toString().equals(FILE) && Files.isRegularFile(file);
  }

  /** Releases the lock; the file stays (deleting it could let two writers in). */
  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
