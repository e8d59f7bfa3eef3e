package dev.turnpike.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A body model ready to check requests: the model's compiled schema and the content type it is
 * declared for (the execution-log line names it). Immutable and shared by every request of the
 * deployment; {@link #check} allocates only for the body it parses.
 */
public final class BodySchema {
  /** Recorded (spec 11.2): what AWS logs for an empty body. */
  static final String UNPARSEABLE = "[Unknown error parsing request body]";

  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final String modelName;
  private final String contentType;
  private final @Nullable Schema schema;
  private final @Nullable String compileError;

  BodySchema(
      String modelName, String contentType, @Nullable Schema schema, @Nullable String error) {
    this.modelName = modelName;
    this.contentType = contentType;
    this.schema = schema;
    this.compileError = error;
  }

  BodySchema forContentType(String type) {
    return new BodySchema(modelName, type, schema, compileError);
  }

  public String modelName() {
    return modelName;
  }

  /** The {@code requestModels} key this model was chosen by ({@code $default} included). */
  public String contentType() {
    return contentType;
  }

  /**
   * Null when {@code body} matches the model; else {@code $context.error.validationErrorString}:
   * the validator's messages in brackets ({@code [object has missing required properties
   * (["name"])]}). An empty or unparseable body is {@code [Unknown error parsing request body]}; a
   * model that could not be compiled refuses every body (fail closed), naming why.
   */
  public @Nullable String check(byte[] body) {
    if (schema == null) {
      return "[" + compileError + "]";
    }
    JsonNode instance;
    try {
      instance = body.length == 0 ? null : STRICT.readTree(body);
    } catch (JsonProcessingException e) {
      return UNPARSEABLE;
    } catch (IOException e) {
      return UNPARSEABLE;
    }
    if (instance == null || instance.isMissingNode()) {
      return UNPARSEABLE;
    }
    List<Error> errors;
    try {
      errors = schema.validate(instance);
    } catch (RuntimeException e) {
      // A reference the compiler could not resolve surfaces here; refuse rather than pass.
      return "[" + e.getMessage() + "]";
    }
    return errors.isEmpty() ? null : ValidationErrorText.of(errors);
  }
}
