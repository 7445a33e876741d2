package org.amqpra.client;

/** In which order {@link Connection#open(ConnectionParameters)} tries a list of addresses. */
public enum AddressOrder {
    /** A random order per attempt, so that clients spread over the nodes of a cluster (the default). */
    SHUFFLED,
    /** The order given: the first node that answers is used (a preferred node, then fallbacks). */
    ORDERED
}
