package org.opengateway.company;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a message to a company is about; each role may have its own address, and GENERAL stands in for the others. */
public enum ContactRole {
    GENERAL, INVOICING, TECHNICAL, REPORTS, SUPPORT;

    /** The name in the API's JSON: "general", "invoicing"... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ContactRole> of(String key) {
        return Arrays.stream(values()).filter(role -> role.key().equalsIgnoreCase(key == null ? "" : key.trim()))
                .findFirst();
    }

    public static String allKeys() {
        return Arrays.stream(values()).map(ContactRole::key).collect(Collectors.joining(", "));
    }
}
