package dev.turnpike.decision;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The newest decision records (up to N), lock-free: a writer claims a sequence number with one
 * atomic increment and stores its record in slot {@code seq % N} (overwriting the oldest). Readers
 * scan; lookups by request id are for humans ({@code explain}), so a linear scan of N slots is
 * fine. A background spiller {@link #drain drains} it.
 */
public final class DecisionRing {
  private final AtomicReferenceArray<@Nullable Slot> slots;
  private final AtomicLong next = new AtomicLong();

  private record Slot(long seq, DecisionRecord record) {}

  public DecisionRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.slots = new AtomicReferenceArray<>(capacity);
  }

  public int capacity() {
    return slots.length();
  }

  /** Records written so far (also the sequence number the next record gets). */
  public long written() {
    return next.get();
  }

  public void add(DecisionRecord r) {
    long seq = next.getAndIncrement();
    slots.lazySet((int) (seq % slots.length()), new Slot(seq, r));
  }

  /** The newest record with this request id still in the ring, or null. */
  public @Nullable DecisionRecord find(String requestId) {
    long end = next.get();
    long start = Math.max(0, end - slots.length());
    for (long s = end - 1; s >= start; s--) {
      Slot slot = slots.get((int) (s % slots.length()));
      if (slot != null && slot.record().requestId().equals(requestId)) {
        return slot.record();
      }
    }
    return null;
  }

  /**
   * Hands every record from sequence {@code from} on to the consumer (skipping those already
   * overwritten), lets go of each one (its slot is cleared unless a newer record already took it)
   * and returns the sequence to continue from. A slot claimed but not yet stored is picked up next
   * time. The spiller drains: a record on its way to disk need not stay reachable, and every
   * reachable record is copied by each young collection (at 18,000 requests/s a ring that kept
   * spilled records was 2.5 MB of survivors per collection).
   */
  public long drain(long from, Consumer<DecisionRecord> consumer) {
    long end = next.get();
    long start = Math.max(from, end - slots.length());
    for (long s = start; s < end; s++) {
      Slot slot = slots.get((int) (s % slots.length()));
      if (slot == null || slot.seq() < s) {
        return s; // claimed, not stored yet
      }
      if (slot.seq() == s) {
        consumer.accept(slot.record());
        slots.compareAndSet((int) (s % slots.length()), slot, null);
      }
    }
    return end;
  }
}
