package dev.turnpike.control.apigateway;

import dev.turnpike.control.ApiException;
import dev.turnpike.model.RestApi;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Bounds on what a REST API document may hold (issue 22: a 5 MB name and a million-entry {@code
 * binaryMediaTypes} were stored, and every snapshot rebuild carried them). Each refusal is a 400
 * {@code BadRequestException} naming the field and its bound, before anything is written.
 *
 * <p>Where AWS documents a bound it is AWS's: the resource policy's 8,192 characters (REST API
 * quotas table); 50 tags per resource, keys of 1–128 characters and values of at most 256 (AWS's
 * tagging rules). AWS documents no bound for a REST API's name, description, version or binary
 * media types; Turnpike's ({@link #NAME}, {@link #DESCRIPTION}, {@link #BINARY_MEDIA_TYPES}) are
 * far above anything a real API uses (the HTTP API model bounds a name at 128 characters and a
 * description at 1,024). The wording of AWS's answers to these is not recorded ([UNCONF]).
 */
final class FieldLimits {
  static final int NAME = 1024;
  static final int DESCRIPTION = 4096;
  static final int VERSION = 1024;
  static final int BINARY_MEDIA_TYPES = 200;
  static final int MEDIA_TYPE = 256;
  static final int POLICY = 8192;
  static final int TAGS = 50;
  static final int TAG_KEY = 128;
  static final int TAG_VALUE = 256;

  private FieldLimits() {}

  /**
   * Refuses a REST API whose fields are past their bounds; its policy is checked apart ({@link
   * #policy}), as the client wrote it, before Turnpike expands its ARNs.
   */
  static void check(RestApi api) {
    length("name", api.name(), NAME);
    length("description", api.description(), DESCRIPTION);
    length("version", api.version(), VERSION);
    List<String> types = api.binaryMediaTypes();
    if (types != null) {
      if (types.size() > BINARY_MEDIA_TYPES) {
        throw ApiException.badRequest(
            "binaryMediaTypes has "
                + types.size()
                + " entries; at most "
                + BINARY_MEDIA_TYPES
                + " are allowed");
      }
      for (String t : types) {
        length("binaryMediaTypes entry", t, MEDIA_TYPE);
      }
    }
    tags(api.tags());
  }

  /** AWS's 8,192-character bound on a resource policy. */
  static void policy(@Nullable String policy) {
    if (policy != null && policy.length() > POLICY) {
      throw ApiException.badRequest(
          "Invalid policy document. The policy is "
              + policy.length()
              + " characters long; at most "
              + POLICY
              + " are allowed.");
    }
  }

  /** AWS's tag bounds: 50 per resource, keys 1–128 characters, values at most 256. */
  static void tags(@Nullable Map<String, String> tags) {
    if (tags == null) {
      return;
    }
    if (tags.size() > TAGS) {
      throw ApiException.badRequest(
          "A resource can have at most " + TAGS + " tags; this one would have " + tags.size());
    }
    for (Map.Entry<String, String> e : tags.entrySet()) {
      String key = e.getKey();
      if (key.isEmpty() || key.length() > TAG_KEY) {
        throw ApiException.badRequest(
            "Tag keys must be 1 to " + TAG_KEY + " characters long: " + abbreviated(key));
      }
      String value = e.getValue();
      if (value != null && value.length() > TAG_VALUE) {
        throw ApiException.badRequest(
            "Tag values must be at most "
                + TAG_VALUE
                + " characters long (tag "
                + abbreviated(key)
                + ")");
      }
    }
  }

  private static void length(String field, @Nullable String value, int max) {
    if (value != null && value.length() > max) {
      throw ApiException.badRequest(
          field + " is " + value.length() + " characters long; at most " + max + " are allowed");
    }
  }

  /** A key as it may be echoed: never the 5 MB of an attack. */
  private static String abbreviated(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
