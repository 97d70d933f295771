package dev.cmsf.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A 2-D convolution computed in bfloat16 with fp32 input, weight and output: the convolution
 * part of PyTorch's CPU autocast, for {@code precision: bf16}.
 *
 * <p>DJL 0.36 cannot make a bfloat16 tensor: its JNI maps data types by a table that stops
 * before bfloat16, and a cast aborts the process. The casts therefore run inside a four-line
 * TorchScript module ({@code tools/bf16_conv.py}, shipped as a resource), whose method DJL's
 * JNI runs with autograd on, so the backward is bf16 too and the gradients reach the fp32
 * master weights. DJL's public {@code runMethod} always runs under {@code NoGradGuard}; the
 * call with autograd is package-private in DJL and reached here by reflection, in this class
 * only. With autograd off (the target network, evaluation) no graph is recorded.
 */
final class Bf16Convolution {
  private static final String RESOURCE = "bf16-conv.pt";
  private static volatile Bf16Convolution instance;

  private final PtSymbolBlock module;
  private final MethodHandle runMethod;
  private final MethodHandle newIValue;

  private Bf16Convolution(PtSymbolBlock module, MethodHandle runMethod, MethodHandle newIValue) {
    this.module = module;
    this.runMethod = runMethod;
    this.newIValue = newIValue;
  }

  /** The process-wide module, loaded on first use. */
  static Bf16Convolution get() {
    Bf16Convolution local = instance;
    if (local == null) {
      synchronized (Bf16Convolution.class) {
        local = instance;
        if (local == null) {
          local = load();
          instance = local;
        }
      }
    }
    return local;
  }

  private static Bf16Convolution load() {
    try (InputStream in = Bf16Convolution.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " missing from the class path");
      }
      Path file = Files.createTempFile("cmsf-bf16-conv", ".pt");
      try {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        // Never closed: the module lives as long as the process, like the engine.
        PtNDManager manager = (PtNDManager) NDManager.newBaseManager();
        // The profiling graph executor would re-specialise the method for each of the
        // network's convolution shapes, a multi-second stall now and then; plain
        // interpretation of four ops costs nothing.
        JniUtils.setGraphExecutorOptimize(false);
        PtSymbolBlock module =
            JniUtils.loadModule(manager, file, false, new String[0], new String[0], false);
        return new Bf16Convolution(module, runMethodHandle(), iValueConstructor());
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException | ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the bf16 convolution module: " + e, e);
    }
  }

  private static MethodHandle runMethodHandle() throws ReflectiveOperationException {
    Class<?> library = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
    Field lib = library.getDeclaredField("LIB");
    lib.setAccessible(true);
    Method run =
        library.getDeclaredMethod(
            "moduleRunMethod",
            long.class,
            String.class,
            long[].class,
            boolean.class,
            boolean.class);
    run.setAccessible(true);
    return MethodHandles.lookup()
        .unreflect(run)
        .bindTo(lib.get(null))
        .asType(
            MethodType.methodType(
                long.class, long.class, String.class, long[].class, boolean.class, boolean.class));
  }

  private static MethodHandle iValueConstructor() throws ReflectiveOperationException {
    Constructor<IValue> constructor = IValue.class.getDeclaredConstructor(long.class);
    constructor.setAccessible(true);
    return MethodHandles.lookup().unreflectConstructor(constructor);
  }

  /**
   * {@code conv2d(x, weight)} in bf16, returned in fp32 and attached to {@code x}'s manager.
   */
  NDArray conv2d(
      NDArray x, NDArray weight, Shape stride, Shape padding, Shape dilation, int groups) {
    IValue[] args = {
      IValue.from((PtNDArray) x),
      IValue.from((PtNDArray) weight),
      IValue.listFrom(stride.getShape()),
      IValue.listFrom(padding.getShape()),
      IValue.listFrom(dilation.getShape()),
      IValue.from((long) groups)
    };
    try {
      long[] handles = new long[args.length];
      for (int i = 0; i < args.length; i++) {
        handles[i] = args[i].getHandle();
      }
      // "train" = true: the JNI then leaves autograd to the thread's grad mode.
      long result =
          (long) runMethod.invokeExact((long) module.getHandle(), "conv2d", handles, true, false);
      try (IValue out = (IValue) newIValue.invoke(result)) {
        return out.toTensor((PtNDManager) x.getManager());
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("bf16 convolution failed: " + e, e);
    } finally {
      for (IValue arg : args) {
        arg.close();
      }
    }
  }
}
