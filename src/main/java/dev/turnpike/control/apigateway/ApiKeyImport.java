package dev.turnpike.control.apigateway;

import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.model.ApiKey;
import dev.turnpike.model.UsagePlanKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Write;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * ImportApiKeys ({@code POST /apikeys?mode=import&format=csv}): a CSV whose header names the
 * columns, in any order and any case: {@code key} (or {@code value}), {@code name}, {@code
 * description}, {@code enabled}, {@code usageplanIds} (several separated by {@code ;}) and {@code
 * customerId}, as the developer guide's "API key file format" describes. A bad row is a warning;
 * with {@code failonwarnings=true} the import fails and nothing is written. All rows are committed
 * atomically.
 */
final class ApiKeyImport {
  private final UsageRepository repo;
  private final ApiKeyOperations keys;

  ApiKeyImport(UsageRepository repo, ApiKeyOperations keys) {
    this.repo = repo;
    this.keys = keys;
  }

  ControlResponse importKeys(ApiCall call) {
    String format = call.query("format");
    if (format == null || !format.equalsIgnoreCase("csv")) {
      throw ApiException.badRequest("Invalid format specified. Valid formats: csv");
    }
    boolean failOnWarnings = "true".equalsIgnoreCase(call.query("failonwarnings"));
    List<String> lines = new ArrayList<>();
    for (String l : new String(call.rawBody(), StandardCharsets.UTF_8).split("\r?\n")) {
      if (!l.isBlank()) {
        lines.add(l);
      }
    }
    if (lines.isEmpty()) {
      throw ApiException.badRequest("Invalid API Key file: no header line");
    }
    Map<String, Integer> columns = new HashMap<>();
    List<String> header = splitCsv(lines.get(0));
    for (int i = 0; i < header.size(); i++) {
      columns.put(header.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    if (!columns.containsKey("key") && !columns.containsKey("value")) {
      throw ApiException.badRequest("Invalid API Key file: the header must name a key column");
    }
    List<String> ids = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<Write> writes = new ArrayList<>();
    for (int row = 1; row < lines.size(); row++) {
      List<String> cells = splitCsv(lines.get(row));
      try {
        String value = cell(cells, columns, columns.containsKey("key") ? "key" : "value");
        String enabled = cell(cells, columns, "enabled");
        ApiKey k =
            keys.newKey(
                call.accountId(),
                cell(cells, columns, "name"),
                cell(cells, columns, "description"),
                enabled == null || enabled.equalsIgnoreCase("true"),
                value,
                cell(cells, columns, "customerid"),
                null,
                null);
        writes.add(
            Write.create(UsageRepository.apiKeyKey(call.accountId(), k.id()), Documents.write(k)));
        String plans = cell(cells, columns, "usageplanids");
        if (plans != null) {
          for (String planId : plans.split(";")) {
            if (!planId.isBlank()) {
              repo.plan(call.accountId(), planId.trim());
              writes.add(
                  Write.create(
                      UsageRepository.planKeyKey(call.accountId(), planId.trim(), k.id()),
                      Documents.write(new UsagePlanKey(k.id(), "API_KEY", null, null))));
            }
          }
        }
        ids.add(k.id());
      } catch (ApiException e) {
        warnings.add("Line " + (row + 1) + ": " + e.getMessage());
      }
    }
    if (failOnWarnings && !warnings.isEmpty()) {
      throw ApiException.badRequest(String.join("; ", warnings));
    }
    if (!writes.isEmpty()) {
      repo.context().commit(writes);
    }
    Map<String, Object> out = new HashMap<>();
    out.put("ids", ids);
    out.put("warnings", warnings);
    return Bodies.json(201, out);
  }

  private static @Nullable String cell(
      List<String> cells, Map<String, Integer> columns, String name) {
    Integer i = columns.get(name);
    if (i == null || i >= cells.size()) {
      return null;
    }
    String v = cells.get(i).trim();
    return v.isEmpty() ? null : v;
  }

  /** One CSV line: commas separate, double quotes group, {@code ""} inside quotes is a quote. */
  static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
