package dev.cmsf.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The engine's intra-op thread count (configuration key {@code threads}).
 *
 * <p>PyTorch defaults to one thread per core, which is right on a dedicated machine; fewer leave
 * cores to the data loader or to other processes. DJL has no engine-neutral call for it, so this
 * is PyTorch-specific and does nothing on another engine.
 */
public final class EngineThreads {
  private EngineThreads() {}

  /** Sets the intra-op threads when {@code threads} is positive; 0 keeps the engine default. */
  public static void apply(int threads) {
    if (threads > 0 && "PyTorch".equals(Engine.getInstance().getEngineName())) {
      JniUtils.setNumThreads(threads);
    }
  }

  /** The engine's current intra-op threads; -1 when the engine is not PyTorch. */
  public static int current() {
    return "PyTorch".equals(Engine.getInstance().getEngineName()) ? JniUtils.getNumThreads() : -1;
  }
}
