package org.lowcarbontogether.mail;

/** Where a message in the outbox is. */
public enum OutboxState {
    /** Waiting to be sent, for the first time or again after a failure. */
    QUEUED,
    /** Accepted by the mail server. */
    SENT,
    /** Given up after the last attempt failed; the last error is kept. */
    FAILED,
    /** Not sent: no mail server is configured. Administrators read it in the outbox. */
    NO_SERVER
}
