/**
 * The AMQP 0-9-1 wire format, as pure functions over byte buffers: the method table
 * ({@link org.amqpra.wire.Methods}) and typed factories for the methods a client sends
 * ({@link org.amqpra.wire.ClientMethods}), method, field-table and content-header codecs,
 * frame encoding and the body split ({@link org.amqpra.wire.BodyFramer}), the frame reader,
 * and the per-channel command assembler. No sockets, no threads, nothing of the client or
 * the adapter.
 */
package org.amqpra.wire;
