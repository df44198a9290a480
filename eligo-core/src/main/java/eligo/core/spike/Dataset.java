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
 * @param validation samples held out of the training set to choose settings on (often empty)
 */
public record Dataset(String name, double dtMs, int numChannels, List<String> classNames,
    List<SpikeSample> train, List<SpikeSample> test, List<SpikeSample> validation) {

  /** A data set without a validation set. */
  public Dataset(String name, double dtMs, int numChannels, List<String> classNames,
      List<SpikeSample> train, List<SpikeSample> test) {
    this(name, dtMs, numChannels, classNames, train, test, List.of());
  }

  /** Validates shapes: every sample has {@code numChannels} channels and a label below the class count. */
  public Dataset {
    if (!(dtMs > 0 && Double.isFinite(dtMs))) {
      throw new IllegalArgumentException("dtMs must be > 0, got " + dtMs);
    }
    classNames = List.copyOf(classNames);
    train = List.copyOf(train);
    test = List.copyOf(test);
    validation = List.copyOf(validation);
    for (List<SpikeSample> part : List.of(train, test, validation)) {
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
    return new Dataset(newName, dtMs, numChannels, classNames, train, test, validation);
  }

  /**
   * The training samples whose group (e.g. speaker) is in {@code heldOut} become the validation
   * set; the others stay in training, in their order.
   *
   * @param groupOfTrain the group of each training sample
   * @param heldOut whether a group is held out, indexed by group
   */
  public Dataset withValidationGroups(int[] groupOfTrain, boolean[] heldOut) {
    if (groupOfTrain.length != train.size()) {
      throw new IllegalArgumentException("one group per training sample expected: " + groupOfTrain.length
          + " groups, " + train.size() + " samples");
    }
    List<SpikeSample> keep = new java.util.ArrayList<>();
    List<SpikeSample> held = new java.util.ArrayList<>();
    for (int i = 0; i < groupOfTrain.length; i++) {
      (heldOut[groupOfTrain[i]] ? held : keep).add(train.get(i));
    }
    return new Dataset(name, dtMs, numChannels, classNames, keep, test, held);
  }
}
