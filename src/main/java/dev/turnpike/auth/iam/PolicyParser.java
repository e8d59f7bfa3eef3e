package dev.turnpike.auth.iam;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Parses and validates a policy document into a {@link CompiledPolicy}, or throws {@link
 * MalformedPolicyException} with IAM's wording where it is known and a precise reason otherwise.
 *
 * <p>Grammar (IAM's "policy grammar"): an object with optional {@code Version} ({@code 2012-10-17}
 * or {@code 2008-10-17}), optional {@code Id}, and {@code Statement}: one statement object or a
 * non-empty array. A statement has optional {@code Sid}, {@code Effect} (Allow|Deny), exactly one
 * of {@code Action}/{@code NotAction}, one of {@code Resource}/{@code NotResource} (required except
 * in trust policies, where it is prohibited), {@code Principal}/{@code NotPrincipal} (required in
 * resource and trust policies, prohibited in identity policies), optional {@code Condition}. Every
 * list may be a single string.
 */
public final class PolicyParser {
  /** Which kind of document: the rules for Principal and Resource differ. */
  public enum Kind {
    IDENTITY,
    RESOURCE,
    TRUST
  }

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
  private static final Set<String> FIELDS =
      Set.of(
          "Sid",
          "Effect",
          "Principal",
          "NotPrincipal",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Condition");
  private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]+:[A-Za-z0-9*?]+");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern PRINCIPAL_ARN =
      Pattern.compile(
          "arn:aws:(iam::\\d{12}:(root|user/.+|role/.+)|sts::\\d{12}:assumed-role/.+/.+)");
  private static final Set<String> EXECUTE_API_ACTIONS =
      Set.of("invoke", "invalidatecache", "manageconnections");

  /** Policies are small; AWS's largest (resource policies) allow 20 KB. */
  public static final int MAX_LENGTH = 20_480;

  private PolicyParser() {}

  public static CompiledPolicy parse(String json, Kind kind) {
    return parse(json, kind, UnaryOperator.identity());
  }

  /**
   * As {@link #parse(String, Kind)}; {@code resourceRewrite} maps each Resource/NotResource entry
   * before validation (API Gateway's {@code execute-api:/…} shorthand expands to the API's ARN).
   */
  public static CompiledPolicy parse(
      String json, Kind kind, UnaryOperator<String> resourceRewrite) {
    if (json == null || json.isBlank()) {
      throw new MalformedPolicyException("Syntax errors in policy. The policy document is empty.");
    }
    if (json.length() > MAX_LENGTH) {
      throw new MalformedPolicyException("Cannot exceed quota for PolicySize: " + MAX_LENGTH);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedPolicyException("Syntax errors in policy. " + e.getOriginalMessage());
    }
    if (!(root instanceof ObjectNode doc)) {
      throw new MalformedPolicyException(
          "Syntax errors in policy. The policy document must be a JSON object.");
    }
    for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TOP.contains(f)) {
        throw new MalformedPolicyException("Syntax errors in policy. Unknown field " + f + ".");
      }
    }
    JsonNode version = doc.get("Version");
    if (version != null
        && !(version.isTextual()
            && (version.asText().equals("2012-10-17") || version.asText().equals("2008-10-17")))) {
      throw new MalformedPolicyException("The policy must contain a valid version string");
    }
    JsonNode st = doc.get("Statement");
    if (st == null || st.isNull()) {
      throw new MalformedPolicyException(
          "Syntax errors in policy. Missing required field Statement.");
    }
    List<JsonNode> raw = new ArrayList<>();
    if (st.isObject()) {
      raw.add(st);
    } else if (st.isArray() && !st.isEmpty()) {
      st.forEach(raw::add);
    } else {
      throw new MalformedPolicyException(
          "Syntax errors in policy. Statement must be an object or a non-empty array.");
    }
    List<Statement> statements = new ArrayList<>(raw.size());
    Set<String> sids = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      Statement s = statement(raw.get(i), i, kind, resourceRewrite);
      if (!s.sid().startsWith("#") && !sids.add(s.sid())) {
        throw new MalformedPolicyException(
            "Statement IDs (SID) in a single policy must be unique: " + s.sid());
      }
      statements.add(s);
    }
    return new CompiledPolicy(statements, json);
  }

  private static Statement statement(
      JsonNode node, int index, Kind kind, UnaryOperator<String> rewrite) {
    if (!(node instanceof ObjectNode s)) {
      throw new MalformedPolicyException(
          "Syntax errors in policy. Statement " + index + " must be an object.");
    }
    for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new MalformedPolicyException(
            "Syntax errors in policy. Unknown field " + f + " in statement " + index + ".");
      }
    }
    String sid = "#" + index;
    JsonNode sidNode = s.get("Sid");
    if (sidNode != null) {
      if (!sidNode.isTextual() || !sidNode.asText().matches("[A-Za-z0-9 _.-]*")) {
        throw new MalformedPolicyException(
            "Statement IDs (SID) must be alpha-numeric. Check that your input"
                + " satisfies the regular expression [0-9A-Za-z]*");
      }
      if (!sidNode.asText().isEmpty()) {
        sid = sidNode.asText();
      }
    }
    JsonNode effect = s.get("Effect");
    if (effect == null) {
      throw new MalformedPolicyException("Missing required field Effect");
    }
    if (!effect.isTextual()
        || !(effect.asText().equals("Allow") || effect.asText().equals("Deny"))) {
      throw new MalformedPolicyException(
          "Invalid effect: " + effect.asText() + " (must be Allow or Deny)");
    }
    // Principal
    boolean hasP = s.has("Principal");
    boolean hasNp = s.has("NotPrincipal");
    if (hasP && hasNp) {
      throw new MalformedPolicyException(
          "Syntax errors in policy. Principal and NotPrincipal cannot both be set.");
    }
    PrincipalSpec principal = null;
    if (kind == Kind.IDENTITY) {
      if (hasP || hasNp) {
        throw new MalformedPolicyException("Policy document should not specify a principal.");
      }
    } else {
      if (!hasP && !hasNp) {
        throw new MalformedPolicyException("Missing required field Principal");
      }
      principal = principal(hasP ? s.get("Principal") : s.get("NotPrincipal"));
    }
    // Action
    boolean hasA = s.has("Action");
    boolean hasNa = s.has("NotAction");
    if (hasA == hasNa) {
      throw new MalformedPolicyException(
          hasA
              ? "Syntax errors in policy. Action and NotAction cannot both be set."
              : "Policy statement must contain actions.");
    }
    List<String> actions =
        strings(hasA ? s.get("Action") : s.get("NotAction"), hasA ? "Action" : "NotAction");
    for (String a : actions) {
      validateAction(a);
    }
    // Resource
    boolean hasR = s.has("Resource");
    boolean hasNr = s.has("NotResource");
    if (hasR && hasNr) {
      throw new MalformedPolicyException(
          "Syntax errors in policy. Resource and NotResource cannot both be set.");
    }
    List<String> resources = List.of();
    if (kind == Kind.TRUST) {
      if (hasR || hasNr) {
        throw new MalformedPolicyException(
            "Has prohibited field " + (hasR ? "Resource" : "NotResource"));
      }
    } else {
      if (!hasR && !hasNr) {
        throw new MalformedPolicyException("Missing required field Resource");
      }
      List<String> rs = new ArrayList<>();
      for (String r :
          strings(
              hasR ? s.get("Resource") : s.get("NotResource"), hasR ? "Resource" : "NotResource")) {
        String expanded = rewrite.apply(r);
        if (!expanded.equals("*") && !Arns.wellFormed(expanded)) {
          throw new MalformedPolicyException("Resource " + r + " must be in ARN format or \"*\".");
        }
        rs.add(expanded);
      }
      resources = List.copyOf(rs);
    }
    List<Condition> conditions = conditions(s.get("Condition"));
    return new Statement(
        sid,
        effect.asText().equals("Allow"),
        principal,
        hasNp,
        List.copyOf(actions),
        hasNa,
        resources,
        hasNr,
        kind == Kind.TRUST,
        conditions);
  }

  private static void validateAction(String a) {
    if (a.equals("*")) {
      return;
    }
    if (!ACTION.matcher(a).matches()) {
      throw new MalformedPolicyException(
          a.contains(":")
              ? "Invalid action: " + a
              : "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
    }
    int colon = a.indexOf(':');
    String service = a.substring(0, colon).toLowerCase(Locale.ROOT);
    String name = a.substring(colon + 1).toLowerCase(Locale.ROOT);
    if (service.equals("execute-api")
        && !Wildcard.hasWildcard(name)
        && !EXECUTE_API_ACTIONS.contains(name)) {
      throw new MalformedPolicyException(
          "Invalid action: "
              + a
              + " (execute-api actions are Invoke,"
              + " InvalidateCache, ManageConnections)");
    }
  }

  private static PrincipalSpec principal(JsonNode p) {
    if (p.isTextual()) {
      if (p.asText().equals("*")) {
        return new PrincipalSpec(true, Set.of(), Set.of(), Set.of());
      }
      throw new MalformedPolicyException("Invalid principal in policy: " + p);
    }
    if (!(p instanceof ObjectNode o) || o.isEmpty()) {
      throw new MalformedPolicyException("Invalid principal in policy: " + p);
    }
    boolean any = false;
    Set<String> accounts = new HashSet<>();
    Set<String> arns = new HashSet<>();
    Set<String> services = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String type = e.getKey();
      List<String> values = strings(e.getValue(), "Principal");
      switch (type) {
        case "AWS" -> {
          for (String v : values) {
            if (v.equals("*")) {
              any = true;
            } else if (ACCOUNT.matcher(v).matches()) {
              accounts.add(v);
            } else if (PRINCIPAL_ARN.matcher(v).matches()) {
              if (v.endsWith(":root") && v.startsWith("arn:aws:iam::")) {
                accounts.add(v.substring("arn:aws:iam::".length(), "arn:aws:iam::".length() + 12));
              } else {
                arns.add(v);
              }
            } else {
              throw new MalformedPolicyException(
                  "Invalid principal in policy: \"AWS\":\"" + v + "\"");
            }
          }
        }
        case "Service", "Federated", "CanonicalUser" -> {
          for (String v : values) {
            if (v.isBlank()) {
              throw new MalformedPolicyException(
                  "Invalid principal in policy: \"" + type + "\":\"" + v + "\"");
            }
            if (type.equals("Service")) {
              services.add(v);
            }
          }
        }
        default ->
            throw new MalformedPolicyException("Invalid principal in policy: \"" + type + "\"");
      }
    }
    return new PrincipalSpec(any, Set.copyOf(accounts), Set.copyOf(arns), Set.copyOf(services));
  }

  private static List<Condition> conditions(JsonNode c) {
    if (c == null) {
      return List.of();
    }
    if (!(c instanceof ObjectNode o)) {
      throw new MalformedPolicyException("Syntax errors in policy. Condition must be an object.");
    }
    List<Condition> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> op = it.next();
      if (!(op.getValue() instanceof ObjectNode keys) || keys.isEmpty()) {
        throw new MalformedPolicyException(
            "Syntax errors in policy. Condition "
                + op.getKey()
                + " must map condition keys to values.");
      }
      for (Iterator<Map.Entry<String, JsonNode>> kt = keys.fields(); kt.hasNext(); ) {
        Map.Entry<String, JsonNode> k = kt.next();
        out.add(
            Condition.compile(op.getKey(), k.getKey(), conditionValues(k.getValue(), op.getKey())));
      }
    }
    return List.copyOf(out);
  }

  private static List<String> conditionValues(JsonNode v, String op) {
    List<String> out = new ArrayList<>();
    if (v instanceof ArrayNode a) {
      a.forEach(x -> out.add(scalar(x, op)));
    } else {
      out.add(scalar(v, op));
    }
    return out;
  }

  private static String scalar(JsonNode x, String op) {
    if (x.isTextual() || x.isNumber() || x.isBoolean()) {
      return x.asText();
    }
    throw new MalformedPolicyException(
        "Syntax errors in policy. Condition "
            + op
            + " values must be strings,"
            + " numbers or booleans.");
  }

  private static List<String> strings(JsonNode n, String field) {
    List<String> out = new ArrayList<>();
    if (n.isTextual()) {
      out.add(n.asText());
    } else if (n instanceof ArrayNode a && !a.isEmpty()) {
      for (JsonNode x : a) {
        if (!x.isTextual()) {
          throw new MalformedPolicyException(
              "Syntax errors in policy. " + field + " must hold strings.");
        }
        out.add(x.asText());
      }
    } else {
      throw new MalformedPolicyException(
          "Syntax errors in policy. "
              + field
              + " must be a string or a non-empty array of strings.");
    }
    for (String s : out) {
      if (s.isEmpty()) {
        throw new MalformedPolicyException(
            "Syntax errors in policy. " + field + " must not be empty.");
      }
    }
    return out;
  }
}
