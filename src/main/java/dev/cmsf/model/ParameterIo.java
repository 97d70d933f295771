package dev.cmsf.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Saves and restores a block's parameters in place.
 *
 * <p>DJL's own {@code loadParameters} replaces each parameter's array, which would leave stale
 * references in the optimiser and the EMA and drop the gradient flag; this copies into the
 * existing arrays instead, after checking names and shapes.
 */
public final class ParameterIo {
  private ParameterIo() {}

  /** Writes every parameter of {@code block} (name, then encoded array). */
  public static void save(Block block, DataOutputStream out) throws IOException {
    out.writeInt(block.getParameters().size());
    for (Pair<String, Parameter> entry : block.getParameters()) {
      out.writeUTF(entry.getKey());
      byte[] bytes = entry.getValue().getArray().encode();
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  /** Copies parameters written by {@link #save} into {@code block}'s existing arrays. */
  public static void load(Block block, DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count != block.getParameters().size()) {
      throw new IOException(
          "saved block has " + count + " parameters, this one " + block.getParameters().size());
    }
    for (Pair<String, Parameter> entry : block.getParameters()) {
      String name = in.readUTF();
      if (!name.equals(entry.getKey())) {
        throw new IOException("saved parameter " + name + " where " + entry.getKey() + " expected");
      }
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      NDArray target = entry.getValue().getArray();
      NDManager manager = target.getManager();
      try (NDArray saved = NDArray.decode(manager, bytes)) {
        if (!saved.getShape().equals(target.getShape())) {
          throw new IOException(
              name + ": saved shape " + saved.getShape() + ", expected " + target.getShape());
        }
        saved.copyTo(target);
      }
    }
  }

  /** Copies every parameter of {@code from} into the same-shaped parameters of {@code to}. */
  public static void copy(Block from, Block to) {
    var source = from.getParameters().values();
    var target = to.getParameters().values();
    if (source.size() != target.size()) {
      throw new IllegalArgumentException("blocks differ in their number of parameters");
    }
    for (int i = 0; i < source.size(); i++) {
      source.get(i).getArray().copyTo(target.get(i).getArray());
    }
  }
}
