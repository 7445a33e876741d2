package org.amqpra.itapps;

import jakarta.ejb.Stateless;

/** The floor of the adapter cost benchmark: an empty call of a bean in a container-managed transaction. */
@Stateless
public class CostFloorBean {
    /** Does nothing, in a transaction the container begins and commits. */
    public void nothing() {
        // the container's cost of a CMT call is what is measured
    }
}
