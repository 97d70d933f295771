package dev.cmsf.spark;

import java.io.Serializable;
import java.util.List;

/**
 * The label of an image file under one of the input folders: the name of the sub-folder it lies in
 * directly ({@code ROOT/shirt/x.png} is a shirt), as torchvision's {@code ImageFolder} and {@code
 * cmsf embed --data} name classes; null for a file deeper down or in the folder itself. (cmsf embed
 * gives -1 to every image unless all lie in class folders; here each image is labelled on its own,
 * so that no pass over all paths is needed.)
 */
final class FolderLabel implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> roots;

  /**
   * @param roots the input folders, qualified as Spark writes paths ({@code file:/data/x})
   */
  FolderLabel(List<String> roots) {
    this.roots = List.copyOf(roots);
  }

  /** The label of {@code path} (qualified), or null. */
  String of(String path) {
    for (String root : roots) {
      String prefix = root.endsWith("/") ? root : root + "/";
      if (path.startsWith(prefix)) {
        String relative = path.substring(prefix.length());
        int slash = relative.indexOf('/');
        return slash > 0 && relative.indexOf('/', slash + 1) < 0
            ? relative.substring(0, slash)
            : null;
      }
    }
    return null;
  }
}
