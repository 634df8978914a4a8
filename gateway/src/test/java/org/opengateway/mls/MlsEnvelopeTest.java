package org.opengateway.mls;

import static org.assertj.core.api.Assertions.assertThat;

import com.helger.peppol.sbdh.EPeppolMLSType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The MLS_TO and MLS_TYPE of a received SBDH, read from its header only. */
class MlsEnvelopeTest {

    @Test
    void readsMlsToAndMlsTypeFromTheBusinessScopes() {
        OutgoingMls.Envelope envelope = OutgoingMls.Envelope.read(sbdh(
                scope("MLS_TO", "0242:000123", "iso6523-actorid-upis") + scope("MLS_TYPE", "FAILURE_ONLY", null)));

        assertThat(envelope.mlsTo()).isEqualTo("0242:000123");
        assertThat(envelope.type()).isEqualTo(EPeppolMLSType.FAILURE_ONLY);
    }

    @Test
    void theOtherTypesAndIdentifiersOfTheHeaderAreNotTakenForAScope() {
        // DocumentIdentification has a Type and an InstanceIdentifier too, and the parties have Identifiers
        OutgoingMls.Envelope envelope = OutgoingMls.Envelope.read(sbdh(scope("MLS_TYPE", "ALWAYS_SEND", null)));

        assertThat(envelope.mlsTo()).isNull();
        assertThat(envelope.type()).isEqualTo(EPeppolMLSType.ALWAYS_SEND);
    }

    @Test
    void anMlsToThatIsNoServiceProviderIdOrHasAnotherSchemeCountsAsAbsent() {
        assertThat(OutgoingMls.Envelope.read(sbdh(scope("MLS_TO", "0007:5567321707", "iso6523-actorid-upis")))
                .mlsTo()).isNull();
        assertThat(OutgoingMls.Envelope.read(sbdh(scope("MLS_TO", "0242:000123", "some-other-scheme"))).mlsTo())
                .isNull();
        assertThat(OutgoingMls.Envelope.read(sbdh(scope("MLS_TO", " 0242:000123 ", null))).mlsTo())
                .isEqualTo("0242:000123");
    }

    @Test
    void anUnknownMlsTypeNoHeaderOrBrokenXmlGiveNothing() {
        assertThat(OutgoingMls.Envelope.read(sbdh(scope("MLS_TYPE", "SOMETIMES", null))).type()).isNull();
        OutgoingMls.Envelope bare = OutgoingMls.Envelope.read(
                "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(bare.mlsTo()).isNull();
        assertThat(bare.type()).isNull();
        OutgoingMls.Envelope broken = OutgoingMls.Envelope.read("<StandardBusinessDocument"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(broken.mlsTo()).isNull();
        assertThat(broken.type()).isNull();
    }

    @Test
    void scopesInTheDocumentAfterTheHeaderAreNotRead() {
        String withScopeInBody = sbdhText("").replace("<Invoice ", "<Invoice ><x:Scope xmlns:x=\"http://www.unece.org/"
                + "cefact/namespaces/StandardBusinessDocumentHeader\"><x:Type>MLS_TYPE</x:Type>"
                + "<x:InstanceIdentifier>ALWAYS_SEND</x:InstanceIdentifier></x:Scope></Invoice><Ignored ");

        assertThat(OutgoingMls.Envelope.read(withScopeInBody.getBytes(StandardCharsets.UTF_8)).type()).isNull();
    }

    private static byte[] sbdh(String extraScopes) {
        return sbdhText(extraScopes).getBytes(StandardCharsets.UTF_8);
    }

    private static String sbdhText(String extraScopes) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<StandardBusinessDocument xmlns=\"http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader\">"
                + "<StandardBusinessDocumentHeader><HeaderVersion>1.0</HeaderVersion>"
                + "<Sender><Identifier Authority=\"iso6523-actorid-upis\">0007:5567321707</Identifier></Sender>"
                + "<Receiver><Identifier Authority=\"iso6523-actorid-upis\">0007:5564982212</Identifier></Receiver>"
                + "<DocumentIdentification><Standard>urn:oasis:names:specification:ubl:schema:xsd:Invoice-2</Standard>"
                + "<TypeVersion>2.1</TypeVersion><InstanceIdentifier>env-1</InstanceIdentifier><Type>Invoice</Type>"
                + "<CreationDateAndTime>2026-11-27T18:30:05Z</CreationDateAndTime></DocumentIdentification>"
                + "<BusinessScope>" + scope("COUNTRY_C1", "SE", null) + extraScopes + "</BusinessScope>"
                + "</StandardBusinessDocumentHeader>"
                + "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>"
                + "</StandardBusinessDocument>";
    }

    private static String scope(String type, String instance, String identifier) {
        return "<Scope><Type>" + type + "</Type><InstanceIdentifier>" + instance + "</InstanceIdentifier>"
                + (identifier == null ? "" : "<Identifier>" + identifier + "</Identifier>") + "</Scope>";
    }
}
