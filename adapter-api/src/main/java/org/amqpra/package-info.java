/**
 * What applications compile against: {@link org.amqpra.Channel}, {@link org.amqpra.Message},
 * {@link org.amqpra.AmqpConnectionFactory} and {@link org.amqpra.AmqpConnection} (injected
 * with {@code @Resource} in a container), {@link org.amqpra.AmqpMessageListener} for
 * message-driven beans, and the unchecked exceptions, one per AMQP reply code, rooted at
 * {@link org.amqpra.AmqpException}. Names and defaults follow the Python library amqpy.
 * Nothing here depends on the implementation.
 */
package org.amqpra;
