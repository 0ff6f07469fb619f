package dev.scraper.state;

import java.util.Map;

/**
 * What became of a batch of URLs offered to the frontier on disk.
 *
 * @param queued new URLs admitted (they wait in the store)
 * @param seen links to URLs the run already had
 * @param duplicates source lines for URLs given before
 * @param dropped reason to number of links kept out by a trap guard ({@code max-pages}...)
 */
public record Admitted(int queued, int seen, int duplicates, Map<String, Integer> dropped) {
}
