package dev.turnpike.snapshot;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One parameter mapping compiled: the target's name (the part after its prefix, e.g. {@code X-Id}
 * of {@code integration.request.header.X-Id}) and its parsed source.
 */
public record ParameterMapping(String target, ParameterSource source) {
  public ParameterMapping {
    requireNonNull(target, "target");
    requireNonNull(source, "source");
  }

  /**
   * The mappings whose target starts with {@code prefix}, in the map's iteration order, prefix
   * removed.
   */
  public static List<ParameterMapping> withPrefix(Map<String, String> mappings, String prefix) {
    List<ParameterMapping> out = new ArrayList<>();
    for (Map.Entry<String, String> e : mappings.entrySet()) {
      if (e.getKey().startsWith(prefix) && e.getValue() != null) {
        out.add(
            new ParameterMapping(
                e.getKey().substring(prefix.length()), ParameterSource.parse(e.getValue())));
      }
    }
    return List.copyOf(out);
  }
}
