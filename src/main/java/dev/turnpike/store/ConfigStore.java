package dev.turnpike.store;

import java.util.List;
import java.util.Optional;

/**
 * Durable configuration as documents. Every acknowledged {@link #commit} is on disk before it
 * returns, so it survives {@code kill -9}. Implementations are thread-safe. Nothing on the request
 * path calls this: the snapshot compiler reads it on its own thread whenever {@link #revision()}
 * moves.
 */
public interface ConfigStore extends AutoCloseable {

  Optional<Document> get(DocumentKey key);

  /** Documents of one kind in one scope of one account, ordered by id. */
  List<Document> list(String accountId, String kind, String scope);

  /** Every document of a kind across all accounts and scopes (for the snapshot compiler). */
  List<Document> listKind(String kind);

  /** The revision counter: increases by one with every commit. */
  long revision();

  /**
   * Applies all writes atomically and returns the new revision.
   *
   * @throws ConflictException when an {@code expectedVersion} does not hold
   */
  long commit(List<Write> writes);

  /**
   * Applies writes atomically without moving the revision counter: for data the snapshot never
   * reads (usage counters), so a flush does not trigger a snapshot rebuild. Stores without a
   * cheaper path commit normally.
   */
  default void commitUntracked(List<Write> writes) {
    commit(writes);
  }

  /**
   * Runs {@code onChange} on a store thread when another process may have committed (a shared
   * store's change notifications), so a reader need not wait for its next poll of {@link
   * #revision()}. Best effort: notifications can be lost, so readers keep polling. A store no other
   * process writes ignores it.
   */
  default void watch(Runnable onChange) {}

  @Override
  void close();

  /** An optimistic-concurrency condition failed; nothing was written. */
  final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
      super(message);
    }
  }
}
