package org.amqpra;

/**
 * Why a channel or connection was closed: the reply code and text of a {@code channel.close} or
 * {@code connection.close}, the AMQP method that failed (class and method id, and its name when
 * known) and the channel it failed on (0 for the connection).
 *
 * @param replyCode  AMQP reply code (for example 404); 0 for errors detected locally
 * @param replyText  the peer's reply text, or a description of a local error
 * @param classId    class id of the failing method, 0 when none
 * @param methodId   method id of the failing method, 0 when none
 * @param methodName dotted method name such as {@code queue.declare}, or empty
 * @param channelId  channel number, 0 for the connection
 */
public record ReplyInfo(int replyCode, String replyText, int classId, int methodId, String methodName, int channelId) {

    /** Normalises null text and method name to the empty string. */
    public ReplyInfo {
        replyText = replyText == null ? "" : replyText;
        methodName = methodName == null ? "" : methodName;
    }

    /** A local error with the given code and text, not tied to a method or channel. */
    public static ReplyInfo local(int replyCode, String text) {
        return new ReplyInfo(replyCode, text, 0, 0, "", 0);
    }

    /** The same information on another channel. */
    public ReplyInfo onChannel(int channel) {
        return new ReplyInfo(replyCode, replyText, classId, methodId, methodName, channel);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(replyText.isEmpty() ? "(no reply text)" : replyText);
        sb.append(" (reply code ").append(replyCode);
        if (channelId != 0) {
            sb.append(", channel ").append(channelId);
        }
        if (classId != 0 || methodId != 0) {
            sb.append(", method ").append(methodName.isEmpty() ? classId + "." + methodId : methodName);
        }
        return sb.append(')').toString();
    }
}
