package org.opengateway.customers;

/** One row of an uploaded customer register, as written, with the line of the file it is on (the header is line 1). */
public record CustomerRow(int line, String name, String orgNumber, String country, String email, String address) {
}
