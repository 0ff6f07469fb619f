package dev.scraper.engine;

import dev.scraper.fetch.Fetcher;
import dev.scraper.memory.MemoryBudget;
import dev.scraper.parse.ParseStage;
import dev.scraper.polite.HostBoard;
import dev.scraper.polite.HostThrottle;
import dev.scraper.robots.RobotsRules;
import io.vertx.core.Vertx;

/**
 * What the engine owns and every run shares, for as long as the process lives: the one client, the host state
 * (board, throttle, robots.txt cache), the parse stage, the memory budget and each URL's last answer (changes). All of it lives on the engine's event
 * loop.
 */
record Stages(Vertx vertx, Fetcher fetcher, HostBoard board, HostThrottle throttle, RobotsRules robots,
              RobotsWaits robotsWaits, ParseStage parse, MemoryBudget budget, Dispatcher dispatcher,
              Changes changes, Sharing sharing) {
}
