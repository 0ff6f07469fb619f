/**
 * The cluster ({@code -cluster}): this node among the others ({@link dev.scraper.cluster.ClusterNode}), claims that
 * make a slot or a start run once cluster-wide, and the wire formats that carry a URL's fetch to the node that leases
 * its host and its outcome back to the run's owner. Nothing here loads Hazelcast unless the process was started with
 * {@code -cluster}.
 */
package dev.scraper.cluster;
