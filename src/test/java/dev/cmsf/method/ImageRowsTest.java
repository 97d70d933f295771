package dev.cmsf.method;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class ImageRowsTest {

  @Test
  void rows_areSetCopiedAndWrittenAsTheirFloatsInOrder() throws Exception {
    ImageRows rows = new ImageRows(3, 2);
    rows.set(2, new float[] {9, 9, 5, 6}, 1);
    rows.set(0, new float[] {1, 2}, 0);
    float[] target = new float[4];
    rows.copy(2, target, 1);

    assertThat(rows.row(2)).containsExactly(5, 6);
    assertThat(target).containsExactly(0, 0, 5, 6);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    rows.write(new DataOutputStream(bytes));
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    float[] written = new float[6];
    for (int i = 0; i < written.length; i++) {
      written[i] = in.readFloat();
    }
    assertThat(written).containsExactly(1, 2, 0, 0, 5, 6);
  }

  @Test
  void read_restoresWhatWriteWrote_alsoRowByRowAfterAResize() throws Exception {
    ImageRows rows = new ImageRows(new float[] {1, 2, 3, 4}, 2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    rows.write(new DataOutputStream(bytes), 1, 2);
    ImageRows copy = new ImageRows(0, 2);
    copy.resize(3);
    copy.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 2, 3);

    assertThat(copy.rows()).isEqualTo(3);
    assertThat(copy.values()).containsExactly(0, 0, 0, 0, 3, 4);
  }
}
