/**
 * A capacity model of the cluster mode, as a discrete-event simulation in virtual time ({@link
 * dev.scraper.scale.ScaleSimulation}): hosts leased one node at a time with an epoch and a TTL, per-host politeness
 * cluster-wide, a Zipf load of URLs per host, and a node's failure and handover; deterministic for a seed. It runs
 * no engine and opens no socket: docs/SCALE.md says what is modelled and what was measured.
 */
package dev.scraper.scale;
