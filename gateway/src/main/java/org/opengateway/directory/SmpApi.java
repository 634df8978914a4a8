package org.opengateway.directory;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Our SMP's public read interface (Peppol SMP 1.x REST): {@code GET /{serviceGroupId}} and
 * {@code GET /{serviceGroupId}/services/{documentTypeId}}, the IDs percent-encoded as SMP clients send them
 * ({@code iso6523-actorid-upis%3A%3A0007%3A5567321707}). The pattern only takes a first segment with "::" in it, so
 * the gateway's other pages stay theirs.
 */
@RestController
public class SmpApi {

    private static final MediaType XML = new MediaType("text", "xml", UTF_8);
    private static final MediaType TEXT = new MediaType("text", "plain", UTF_8);

    private final ServiceMetadataPublisher smp;

    public SmpApi(ServiceMetadataPublisher smp) {
        this.smp = smp;
    }

    // path variables arrive percent-decoded: "%3A%3A" is "::" and "%23" is "#" here
    @GetMapping("/{serviceGroupId:.+::.+}")
    public ResponseEntity<byte[]> serviceGroup(@PathVariable String serviceGroupId) {
        return answer(smp.serviceGroup(serviceGroupId));
    }

    @GetMapping("/{serviceGroupId:.+::.+}/services/{documentTypeId}")
    public ResponseEntity<byte[]> serviceMetadata(@PathVariable String serviceGroupId,
            @PathVariable String documentTypeId) {
        return answer(smp.serviceMetadata(serviceGroupId, documentTypeId));
    }

    private static ResponseEntity<byte[]> answer(SmpAnswer answer) {
        if (answer instanceof SmpAnswer.Xml xml) {
            return ResponseEntity.ok().contentType(XML).body(xml.body());
        }
        String reason = ((SmpAnswer.NotFound) answer).reason() + "\n";
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(TEXT).body(reason.getBytes(UTF_8));
    }
}
