/**
 * Netty HTTP/1.1 codec pieces shared by the data-plane listener and the backend client. Depends on
 * Netty only.
 */
@NullMarked
package dev.turnpike.http;

import org.jspecify.annotations.NullMarked;
