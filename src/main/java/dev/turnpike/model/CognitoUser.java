package dev.turnpike.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A user of a pool. {@code attributes} keep the order they were given in, {@code sub} first; the
 * password is kept only as a PBKDF2 hash ({@code passwordHash}, self-describing, never logged), set
 * at {@code passwordSetDate}; {@code userStatus} is Cognito's ({@code FORCE_CHANGE_PASSWORD} while
 * the password is temporary, {@code CONFIRMED} once permanent). Times are epoch milliseconds.
 */
public record CognitoUser(
    String username,
    List<Attribute> attributes,
    boolean enabled,
    String userStatus,
    long createDate,
    long lastModifiedDate,
    @Nullable String passwordHash,
    long passwordSetDate) {

  /** One {@code {"Name": ..., "Value": ...}} attribute. */
  public record Attribute(String name, String value) {}

  public @Nullable String attribute(String name) {
    for (Attribute a : attributes) {
      if (a.name().equals(name)) {
        return a.value();
      }
    }
    return null;
  }

  public String sub() {
    String s = attribute("sub");
    return s == null ? "" : s;
  }
}
