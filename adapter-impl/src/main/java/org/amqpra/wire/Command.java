package org.amqpra.wire;

/**
 * A complete command: a method and, for content-bearing methods, its header and body.
 *
 * @param method the method
 * @param header content header, null for methods without content
 * @param body   assembled body, null for methods without content
 */
public record Command(AmqpMethod method, ContentHeader header, byte[] body) {}
