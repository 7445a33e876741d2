package org.amqpra;

/**
 * A method argument or message property that cannot be put on the wire as given: a number
 * outside its AMQP field's range, or a short string over 255 bytes. Thrown before anything of
 * the command is written, so the connection and the channel stay usable (amqpy raises
 * {@code FrameSyntaxError} here; this is an {@link IllegalArgumentException}, since nothing
 * reached the broker).
 */
public class InvalidArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final String argument;

    /**
     * @param method   the AMQP method ({@code basic.qos}) or property holder ({@code basic properties})
     * @param argument the argument or property name as the spec spells it ({@code prefetch-count})
     * @param problem  what is wrong, with the value and the allowed range
     */
    public InvalidArgumentException(String method, String argument, String problem) {
        super(method + ": " + argument + " " + problem);
        this.method = method;
        this.argument = argument;
    }

    /** The AMQP method (or {@code basic properties}) whose argument was refused. */
    public String method() {
        return method;
    }

    /** The refused argument's name, as the AMQP spec spells it. */
    public String argument() {
        return argument;
    }
}
