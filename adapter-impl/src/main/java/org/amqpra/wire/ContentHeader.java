package org.amqpra.wire;

import org.amqpra.BasicProperties;

/**
 * A content header frame's payload: the content class, the total body size and the properties.
 *
 * @param classId    content class (60 for basic)
 * @param bodySize   total size of the body frames that follow
 * @param properties the basic properties
 */
public record ContentHeader(int classId, long bodySize, BasicProperties properties) {}
