package dev.turnpike.model;

/** A Turnpike account: the tenant that owns APIs and IAM entities (AWS's account). */
public record Account(String accountId, String name, long createdDate) {}
