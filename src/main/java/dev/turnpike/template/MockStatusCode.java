package dev.turnpike.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Reads the status a MOCK integration answers with from its rendered request template.
 *
 * <p>Implementation notes. For a MOCK integration the integration request template renders JSON
 * whose {@code statusCode} selects the integration response, e.g. {@code {"statusCode": 200}}
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html, spec
 * 6.1, case C07). The same page says a method may "return the default integration response without
 * defining the integration request mapping template": we read that as a blank rendering answering
 * 200, which selects the default response. Text that is present but has no integer {@code
 * statusCode} (not JSON, not an object, field missing, a string or fraction) is what AWS logs as
 * "Execution failed due to configuration error: Unable to parse statusCode. It should be an integer
 * that is defined in the request template." and answers with 500 Internal server error (LocalStack
 * implements the same; [IMPL]): we throw {@link TemplateException} with that text, so the caller
 * answers as for any other template failure. Whitespace anywhere is allowed.
 *
 * <p>Deviation from the first sketch of this contract ({@code static int statusCodeOf(String)} with
 * no exception, "missing → 200?"): a silent 200 would hide a broken template.
 */
public final class MockStatusCode {

  /** The message AWS logs when a MOCK request template yields no usable status. */
  public static final String UNPARSEABLE =
      "Execution failed due to configuration error: Unable to parse statusCode. "
          + "It should be an integer that is defined in the request template.";

  private MockStatusCode() {}

  /**
   * Returns the {@code statusCode} of a rendered MOCK request template.
   *
   * @param renderedRequestTemplate the rendered text; blank means no template (200)
   * @throws TemplateException with {@link #UNPARSEABLE} if there is text but no integer {@code
   *     statusCode}
   */
  public static int statusCodeOf(String renderedRequestTemplate) throws TemplateException {
    if (renderedRequestTemplate.isBlank()) {
      return 200;
    }
    JsonNode status;
    try {
      JsonNode root = VtlJson.MAPPER.readTree(renderedRequestTemplate);
      status = root == null ? null : root.get("statusCode");
    } catch (IOException e) {
      throw new TemplateException(UNPARSEABLE, e);
    }
    if (status == null || !status.isIntegralNumber() || !status.canConvertToInt()) {
      throw new TemplateException(UNPARSEABLE);
    }
    return status.intValue();
  }
}
