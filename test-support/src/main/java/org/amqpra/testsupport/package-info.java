/**
 * What the tests of every module share: {@link org.amqpra.testsupport.BrokerLocator} (which
 * broker the tests use), {@link org.amqpra.testsupport.RabbitCtl},
 * {@link org.amqpra.testsupport.TcpProxy} (a relay that can freeze),
 * {@link org.amqpra.testsupport.Await} (wait for a condition, never for time) and
 * {@link org.amqpra.testsupport.Names}. Depends on none of the project's modules.
 */
package org.amqpra.testsupport;
