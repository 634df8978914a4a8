package org.opengateway.intake;

import org.opengateway.company.Company;
import org.opengateway.tracking.Channel;

/** A document handed in by an authenticated company over one of the channels. */
public record Submission(Channel channel, Company company, byte[] content, String sourceName) {
}
