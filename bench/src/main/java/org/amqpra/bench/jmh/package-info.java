/** JMH microbenchmarks of the wire layer and the publish path, with allocation per operation. */
package org.amqpra.bench.jmh;
