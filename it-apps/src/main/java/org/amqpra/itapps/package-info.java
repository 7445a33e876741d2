/**
 * The test applications both application-server suites deploy: message-driven beans and EJBs
 * that report what they did by publishing to a results queue. They take the connection factory
 * from JNDI under either server's name ({@link org.amqpra.itapps.Results#lookUpFactory()}); injection
 * with {@code @Resource} is tested by each suite's own beans. They are bound to the adapter by
 * each server's descriptor (WildFly's {@code jboss-ejb3.xml}, Payara's
 * {@code glassfish-ejb-jar.xml}), not by annotation.
 */
package org.amqpra.itapps;
