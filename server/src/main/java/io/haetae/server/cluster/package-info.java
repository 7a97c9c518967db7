/**
 * Several hub nodes on one database: scheduled work once per cluster (ShedLock), sessions in the
 * database (Spring Session JDBC), the live nodes, the takeover of event publications a dead node
 * left, and counters every node shares (throttling). API: {@link io.haetae.server.cluster.SharedCounters};
 * docs/operations.md.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.haetae.server.cluster;
