package dev.scraper.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known word a user most likely meant, for "did you mean" hints in config messages.
 */
public final class Suggest {
  /** Largest edit distance still offered as a suggestion. */
  static final int MAX_DISTANCE = 2;

  private Suggest() {
  }

  /**
   * The closest known word: a case-insensitive match first, else the word with the least Levenshtein distance,
   * ignoring case, when that distance is at most {@value #MAX_DISTANCE} (ties go to the earlier word in
   * {@code known}).
   *
   * @param word what the user wrote
   * @param known the words that are valid here, in a stable order
   * @return the suggestion, or empty when nothing is close enough
   */
  public static Optional<String> closest(String word, List<String> known) {
    for (String k : known) {
      if (k.equalsIgnoreCase(word)) {
        return Optional.of(k);
      }
    }
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    for (String k : known) {
      int d = levenshtein(word.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The number of single-character insertions, deletions and substitutions that turn {@code a} into {@code b}. */
  public static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
