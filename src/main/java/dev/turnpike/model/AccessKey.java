package dev.turnpike.model;

import org.jspecify.annotations.Nullable;

/**
 * An access key pair. {@code userName} is null for the account's administrator (the root
 * equivalent). {@link #toString()} never shows the secret.
 */
public record AccessKey(
    String accessKeyId,
    String secretAccessKey,
    String accountId,
    @Nullable String userName,
    String status,
    long createDate) {

  public boolean active() {
    return "Active".equals(status);
  }

  @Override
  public String toString() {
    return "AccessKey["
        + accessKeyId
        + ", account="
        + accountId
        + ", user="
        + userName
        + ", status="
        + status
        + "]";
  }
}
