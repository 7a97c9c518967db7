package io.haetae.server.oversight.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The in-process side of the projection's row locks: before a transaction locks an organisation's
 * or a sector's row, it takes this node's lock of the same key and keeps it until the transaction
 * has committed or rolled back. The listeners of one node then wait for each other parked in the
 * JVM and reach the row only when its holder is done.
 *
 * <p>Why: the scenario of BENCHMARKS.md ("Spine") uploads an organisation's SBOMs one after the
 * other, so the listener pool holds several events of one organisation at once. H2 waits for a row
 * lock by retrying the locking statement, and three listeners waiting on the fourth kept both
 * cores busy while the holder ran slower. The row locks stay, and still order the nodes of a
 * cluster.
 *
 * <p>Keys are organisation ids and sector names: a bounded set, so the locks are kept.
 */
final class TransactionLocks {

  private final ConcurrentHashMap<Object, ReentrantLock> locks = new ConcurrentHashMap<>();

  /**
   * Takes the lock of {@code key} until the current transaction ends; reentrant, so a transaction
   * may ask again. Outside a transaction there is nothing to hold it for, and nothing is taken.
   */
  void lockUntilCompletion(Object key) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) return;
    ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lock();
    try {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          lock.unlock();
        }
      });
    } catch (RuntimeException e) {
      lock.unlock();
      throw e;
    }
  }
}
