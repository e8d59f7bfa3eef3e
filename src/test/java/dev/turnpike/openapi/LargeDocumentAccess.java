package dev.turnpike.openapi;

/** {@link LargeDocument} for the end-to-end tests in another package. */
public final class LargeDocumentAccess {
  private LargeDocumentAccess() {}

  public static String oas3(int n) {
    return LargeDocument.oas3(n);
  }
}
