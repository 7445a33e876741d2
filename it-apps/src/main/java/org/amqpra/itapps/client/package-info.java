/** What the integration tests' own JVM shares across both suites (never deployed to a server). */
package org.amqpra.itapps.client;
