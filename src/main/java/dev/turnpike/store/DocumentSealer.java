package dev.turnpike.store;

/**
 * Turns a document's JSON into what the store keeps and back: the identity for most documents, and
 * authenticated encryption for the kinds that hold secrets when a key is configured ({@link
 * SecretSealer}). The key is bound into the sealed form, so a sealed body moved to another key does
 * not open.
 */
public interface DocumentSealer {
  /** Stores documents as they are. */
  DocumentSealer NONE =
      new DocumentSealer() {
        @Override
        public String seal(DocumentKey key, String json) {
          return json;
        }

        @Override
        public String open(DocumentKey key, String stored) {
          return stored;
        }
      };

  String seal(DocumentKey key, String json);

  /**
   * @throws StoreException when a sealed body cannot be opened (wrong key, tampered row)
   */
  String open(DocumentKey key, String stored);

  /** False when {@code stored} should be rewritten under the current key (rotation). */
  default boolean isCurrent(DocumentKey key, String stored) {
    return true;
  }
}
