/** Small programs that use the client, run by the README's first command; not shipped in any jar of the adapter. */
package org.amqpra.examples;
