package eligo.core.spike;

import java.util.List;

/**
 * A named task: train and test samples with a common time step, channel count and classes.
 *
 * @param name short name of the task, e.g. {@code navigation}
 * @param dtMs duration of one time step in milliseconds
 * @param numChannels number of input channels
 * @param classNames names of the classes, in label order (empty for regression)
 * @param train training samples
 * @param test test samples
 */
public record Dataset(String name, double dtMs, int numChannels, List<String> classNames,
    List<SpikeSample> train, List<SpikeSample> test) {

  /** Validates shapes: every sample has {@code numChannels} channels and a label below the class count. */
  public Dataset {
    if (!(dtMs > 0 && Double.isFinite(dtMs))) {
      throw new IllegalArgumentException("dtMs must be > 0, got " + dtMs);
    }
    classNames = List.copyOf(classNames);
    train = List.copyOf(train);
    test = List.copyOf(test);
    for (List<SpikeSample> part : List.of(train, test)) {
      for (SpikeSample s : part) {
        if (s.numChannels() != numChannels) {
          throw new IllegalArgumentException("dataset " + name + ": a sample has " + s.numChannels()
              + " channels, expected " + numChannels);
        }
        if (s.isClassification() && s.label() >= classNames.size()) {
          throw new IllegalArgumentException("dataset " + name + ": label " + s.label()
              + " outside the " + classNames.size() + " classes");
        }
      }
    }
  }

  /** Number of classes. */
  public int numClasses() {
    return classNames.size();
  }

  /** The same samples under another name (e.g. the task that read them). */
  public Dataset withName(String newName) {
    return new Dataset(newName, dtMs, numChannels, classNames, train, test);
  }
}
