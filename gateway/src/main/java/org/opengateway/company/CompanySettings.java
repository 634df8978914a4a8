package org.opengateway.company;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code gateway.company.*}: how long a mailed confirmation link and an invitation stay valid, and the limits of a
 * logo upload (its size in bytes, and its pixels, checked before the image is decoded).
 */
@ConfigurationProperties("gateway.company")
public record CompanySettings(
        @DefaultValue("48h") Duration confirmLinkValidFor,
        @DefaultValue("72h") Duration invitationValidFor,
        @DefaultValue("2MB") DataSize logoMaxSize,
        @DefaultValue("25000000") long logoMaxPixels) {
}
