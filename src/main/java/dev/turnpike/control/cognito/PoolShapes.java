package dev.turnpike.control.cognito;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.model.CognitoUserPool;
import dev.turnpike.store.Documents;
import java.util.List;

/**
 * The {@code UserPoolType} wire shape (CreateUserPool, DescribeUserPool) in the order Cognito
 * writes its members, with the members Turnpike does not model at Cognito's defaults (no Lambda
 * triggers, Cognito's e-mail sender, code verification, the standard attribute schema).
 */
final class PoolShapes {
  /** The standard attributes every pool has: name, type, mutable, min and max length. */
  private record Standard(String name, String type, boolean mutable, String min, String max) {}

  private static final List<Standard> SCHEMA =
      List.of(
          new Standard("sub", "String", false, "1", "2048"),
          new Standard("name", "String", true, "0", "2048"),
          new Standard("given_name", "String", true, "0", "2048"),
          new Standard("family_name", "String", true, "0", "2048"),
          new Standard("middle_name", "String", true, "0", "2048"),
          new Standard("nickname", "String", true, "0", "2048"),
          new Standard("preferred_username", "String", true, "0", "2048"),
          new Standard("profile", "String", true, "0", "2048"),
          new Standard("picture", "String", true, "0", "2048"),
          new Standard("website", "String", true, "0", "2048"),
          new Standard("email", "String", true, "0", "2048"),
          new Standard("email_verified", "Boolean", true, "", ""),
          new Standard("gender", "String", true, "0", "2048"),
          new Standard("birthdate", "String", true, "10", "10"),
          new Standard("zoneinfo", "String", true, "0", "2048"),
          new Standard("locale", "String", true, "0", "2048"),
          new Standard("phone_number", "String", true, "0", "2048"),
          new Standard("phone_number_verified", "Boolean", true, "", ""),
          new Standard("address", "String", true, "0", "2048"),
          new Standard("updated_at", "Number", true, "0", ""));

  private PoolShapes() {}

  static ObjectNode userPool(CognitoUserPool p, int estimatedUsers) {
    ObjectNode n = Documents.MAPPER.createObjectNode();
    n.put("Id", p.id());
    n.put("Name", p.name());
    ObjectNode policies = n.putObject("Policies");
    CognitoUserPool.PasswordPolicy pp = p.passwordPolicy();
    policies
        .putObject("PasswordPolicy")
        .put("MinimumLength", pp.minimumLength())
        .put("RequireUppercase", pp.requireUppercase())
        .put("RequireLowercase", pp.requireLowercase())
        .put("RequireNumbers", pp.requireNumbers())
        .put("RequireSymbols", pp.requireSymbols())
        .put("TemporaryPasswordValidityDays", pp.temporaryPasswordValidityDays());
    policies.putObject("SignInPolicy").putArray("AllowedFirstAuthFactors").add("PASSWORD");
    n.put("DeletionProtection", p.deletionProtection());
    n.putObject("LambdaConfig");
    n.put("LastModifiedDate", p.lastModifiedDate() / 1000.0);
    n.put("CreationDate", p.creationDate() / 1000.0);
    ArrayNode schema = n.putArray("SchemaAttributes");
    for (Standard s : SCHEMA) {
      ObjectNode a = schema.addObject();
      a.put("Name", s.name());
      a.put("AttributeDataType", s.type());
      a.put("DeveloperOnlyAttribute", false);
      a.put("Mutable", s.mutable());
      a.put("Required", s.name().equals("sub"));
      if (s.type().equals("String")) {
        a.putObject("StringAttributeConstraints")
            .put("MinLength", s.min())
            .put("MaxLength", s.max());
      } else if (s.type().equals("Number")) {
        a.putObject("NumberAttributeConstraints").put("MinValue", s.min());
      }
    }
    if (!p.autoVerifiedAttributes().isEmpty()) {
      ArrayNode a = n.putArray("AutoVerifiedAttributes");
      p.autoVerifiedAttributes().forEach(a::add);
    }
    if (!p.aliasAttributes().isEmpty()) {
      ArrayNode a = n.putArray("AliasAttributes");
      p.aliasAttributes().forEach(a::add);
    }
    if (!p.usernameAttributes().isEmpty()) {
      ArrayNode a = n.putArray("UsernameAttributes");
      p.usernameAttributes().forEach(a::add);
    }
    n.putObject("VerificationMessageTemplate").put("DefaultEmailOption", "CONFIRM_WITH_CODE");
    n.putObject("UserAttributeUpdateSettings")
        .putArray("AttributesRequireVerificationBeforeUpdate");
    n.put("MfaConfiguration", p.mfaConfiguration());
    n.put("EstimatedNumberOfUsers", estimatedUsers);
    n.putObject("EmailConfiguration").put("EmailSendingAccount", "COGNITO_DEFAULT");
    ObjectNode tags = n.putObject("UserPoolTags");
    if (p.tags() != null) {
      p.tags().forEach(tags::put);
    }
    n.putObject("AdminCreateUserConfig")
        .put("AllowAdminCreateUserOnly", p.allowAdminCreateUserOnly())
        .put("UnusedAccountValidityDays", p.passwordPolicy().temporaryPasswordValidityDays());
    n.put("Arn", p.arn());
    ArrayNode recovery = n.putObject("AccountRecoverySetting").putArray("RecoveryMechanisms");
    recovery.addObject().put("Priority", 1).put("Name", "verified_email");
    recovery.addObject().put("Priority", 2).put("Name", "verified_phone_number");
    n.put("UserPoolTier", "ESSENTIALS");
    return n;
  }

  /** {@code UserPoolDescriptionType}: what ListUserPools lists. */
  static ObjectNode description(CognitoUserPool p) {
    ObjectNode n = Documents.MAPPER.createObjectNode();
    n.put("Id", p.id());
    n.put("Name", p.name());
    n.putObject("LambdaConfig");
    n.put("LastModifiedDate", p.lastModifiedDate() / 1000.0);
    n.put("CreationDate", p.creationDate() / 1000.0);
    return n;
  }
}
