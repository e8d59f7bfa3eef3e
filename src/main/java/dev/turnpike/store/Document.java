package dev.turnpike.store;

/** A stored document: its key, its JSON body and its version (1 on creation, +1 per update). */
public record Document(DocumentKey key, String json, long version) {}
