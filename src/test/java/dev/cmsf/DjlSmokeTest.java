package dev.cmsf;

import ai.djl.engine.Engine;
import ai.djl.ndarray.*;
import org.junit.jupiter.api.Test;

class DjlSmokeTest {
  @Test
  void engineLoadsOffline() {
    System.out.println(Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.randomNormal(new ai.djl.ndarray.types.Shape(4, 4));
      System.out.println(a.matMul(a.transpose()).sum());
    }
  }
}
