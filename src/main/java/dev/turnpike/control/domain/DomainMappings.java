package dev.turnpike.control.domain;

import dev.turnpike.control.ControlContext;
import dev.turnpike.control.Ids;
import dev.turnpike.model.BasePathMapping;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The mappings of a custom domain, one {@code base-path-mapping} document per key (scope = domain
 * name, id = the key, "(none)" for the empty one), read and written by v1 (BasePathMapping) and v2
 * (ApiMapping) alike, so both APIs see one set and the snapshot routes whatever either created.
 *
 * <p>Rules (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html,
 * spec 3.2/3.3): a key holds letters, digits and {@code $-_.+!*'()}, with '/' between non-empty
 * segments (multi-level keys, v2 only), at most 300 characters; one mapping per key; the mapped API
 * and stage belong to the caller. Each API words its errors itself; the predicates live here once.
 */
public final class DomainMappings {
  public static final String NONE = "(none)";
  public static final int MAX_KEY_LENGTH = 300;
  private static final String SEGMENT = "[A-Za-z0-9$\\-_.+!*'()]+";
  private static final Pattern SINGLE_LEVEL = Pattern.compile(SEGMENT);
  private static final Pattern MULTI_LEVEL = Pattern.compile(SEGMENT + "(/" + SEGMENT + ")*");

  private final ControlContext ctx;

  public DomainMappings(ControlContext ctx) {
    this.ctx = ctx;
  }

  private static DocumentKey key(String account, String domain, String basePath) {
    return new DocumentKey(account, Kinds.BASE_PATH_MAPPING, domain, basePath);
  }

  /**
   * "", "/" and null are the empty key, stored and reported by v1 as "(none)"; one outer '/' each
   * side is dropped.
   */
  public static String normalize(@Nullable String basePath) {
    if (basePath == null || basePath.isEmpty() || basePath.equals("/") || basePath.equals(NONE)) {
      return NONE;
    }
    String p = basePath.startsWith("/") ? basePath.substring(1) : basePath;
    return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
  }

  public static boolean isMultiLevel(String basePath) {
    return basePath.indexOf('/') >= 0;
  }

  /**
   * Whether a normalized key other than (none) is well formed; {@code multiLevel} allows '/'
   * between segments.
   */
  public static boolean isValidKey(String basePath, boolean multiLevel) {
    return basePath.length() <= MAX_KEY_LENGTH
        && (multiLevel ? MULTI_LEVEL : SINGLE_LEVEL).matcher(basePath).matches();
  }

  /** A new v2 id for a mapping (10 lowercase alphanumerics, as the AWS CLI examples show them). */
  public static String newId() {
    return Ids.random(10);
  }

  public boolean exists(String account, String domain, String basePath) {
    return ctx.store().get(key(account, domain, basePath)).isPresent();
  }

  public Optional<BasePathMapping> find(String account, String domain, String basePath) {
    return ctx.store().get(key(account, domain, basePath)).map(d -> read(domain, d));
  }

  public Optional<BasePathMapping> findById(String account, String domain, String apiMappingId) {
    return list(account, domain).stream()
        .filter(m -> apiMappingId.equals(m.apiMappingId()))
        .findFirst();
  }

  /** The domain's mappings by key, each with its v2 id. */
  public List<BasePathMapping> list(String account, String domain) {
    List<BasePathMapping> out = new ArrayList<>();
    for (Document d : ctx.store().list(account, Kinds.BASE_PATH_MAPPING, domain)) {
      out.add(read(domain, d));
    }
    out.sort(Comparator.comparing(BasePathMapping::basePath));
    return out;
  }

  /**
   * Whether the caller owns the REST API (HTTP APIs will be looked up here too, by their own kind).
   */
  public boolean restApiExists(String account, String apiId) {
    return ctx.store().get(DocumentKey.of(account, Kinds.REST_API, apiId)).isPresent();
  }

  public boolean stageExists(String account, String apiId, String stage) {
    return ctx.store().get(new DocumentKey(account, Kinds.STAGE, apiId, stage)).isPresent();
  }

  /** A REST or HTTP API of the account (v2 API mappings may target either). */
  public boolean anyApiExists(String account, String apiId) {
    return restApiExists(account, apiId)
        || ctx.store().get(DocumentKey.of(account, Kinds.HTTP_API, apiId)).isPresent();
  }

  /** A stage of the REST or HTTP API {@code apiId}. */
  public boolean anyStageExists(String account, String apiId, String stage) {
    return stageExists(account, apiId, stage)
        || ctx.store().get(new DocumentKey(account, Kinds.HTTP_STAGE, apiId, stage)).isPresent();
  }

  public void create(String account, String domain, BasePathMapping m) {
    ctx.commit(List.of(Write.create(key(account, domain, m.basePath()), Documents.write(m))));
  }

  /**
   * Replaces {@code old} by {@code updated} in one commit, moving the document when the key
   * changed.
   */
  public void replace(String account, String domain, BasePathMapping old, BasePathMapping updated) {
    List<Write> writes = new ArrayList<>();
    if (!old.basePath().equals(updated.basePath())) {
      writes.add(Write.delete(key(account, domain, old.basePath())));
      writes.add(Write.create(key(account, domain, updated.basePath()), Documents.write(updated)));
    } else {
      writes.add(Write.put(key(account, domain, updated.basePath()), Documents.write(updated)));
    }
    ctx.commit(writes);
  }

  public void delete(String account, String domain, BasePathMapping m) {
    ctx.commit(List.of(Write.delete(key(account, domain, m.basePath()))));
  }

  /**
   * Documents written before v2 existed have no id; they get one derived from domain and key,
   * stable across reads (it is stored with the next write of that mapping, so it survives a key
   * change).
   */
  private static BasePathMapping read(String domain, Document d) {
    BasePathMapping m = Documents.read(d, BasePathMapping.class);
    if (m.apiMappingId() != null) {
      return m;
    }
    return new BasePathMapping(
        m.basePath(), m.restApiId(), m.stage(), derivedId(domain + "/" + m.basePath()));
  }

  private static String derivedId(String s) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder(10);
      for (int i = 0; i < 10; i++) {
        b.append(Character.forDigit((h[i] & 0xff) % 36, 36));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
