package org.opengateway.tracking;

/** How an invoice reached the gateway. */
public enum Channel {
    FOLDER, API, QUEUE
}
