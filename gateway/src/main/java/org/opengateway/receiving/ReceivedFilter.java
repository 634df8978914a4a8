package org.opengateway.receiving;

import java.time.LocalDate;

/**
 * What a list of received documents is narrowed to; null fields do not narrow. {@code from} and {@code to} are dates
 * of receipt (UTC, both included); {@code sender} a participant ID such as "0007:5567321707". {@code numberStart} is
 * the start of the invoice number; {@code counterpart} the sender's participant ID or a part of its name.
 */
public record ReceivedFilter(ReceivedStatus status, String sender, LocalDate from, LocalDate to, String numberStart,
        String counterpart) {

    public ReceivedFilter(ReceivedStatus status, String sender, LocalDate from, LocalDate to) {
        this(status, sender, from, to, null, null);
    }
}
