/**
 * The management API of a long-running process ({@code "http"} in conf.json): a Vert.x Web router on the engine's
 * event loop that lists, adds, runs and removes jobs, follows and cancels runs, streams their records and serves
 * Prometheus metrics. Loaded only when the config has {@code "http"}.
 */
package dev.scraper.api;
