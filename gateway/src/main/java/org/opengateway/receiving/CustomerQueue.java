package org.opengateway.receiving;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.Message;
import org.opengateway.config.BrokerSecurity;
import org.opengateway.document.ParticipantId;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts each received invoice on its company's queue {@code gateway.invoices.received.<company id>}: a bytes message
 * with the business document, and what it is in string properties. A company's API-key login may consume only its own
 * queue.
 */
@Component
public class CustomerQueue {

    private final JmsTemplate jms;

    public CustomerQueue(ConnectionFactory connectionFactory) {
        this.jms = new JmsTemplate(connectionFactory);
    }

    public static String name(UUID companyId) {
        return BrokerSecurity.RECEIVED_PREFIX + companyId;
    }

    public void put(ReceivedRecord document, byte[] businessDocument, String fileName) {
        jms.send(name(document.companyId()), session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(businessDocument);
            message.setStringProperty("receivedId", document.id().toString());
            message.setStringProperty("invoiceNumber", document.invoiceNumber());
            message.setStringProperty("documentKind", document.documentKind());
            message.setStringProperty("sender", plain(document.sender()));
            message.setStringProperty("receiver", plain(document.receiver()));
            message.setStringProperty("documentType", document.documentType());
            message.setStringProperty("process", document.process());
            message.setStringProperty("sbdhInstanceId", document.sbdhInstanceId());
            message.setStringProperty("fileName", fileName);
            message.setBooleanProperty("valid", Boolean.TRUE.equals(document.valid()));
            // the broker drops a second copy, should a delivery be tried again after the message went out
            message.setStringProperty(Message.HDR_DUPLICATE_DETECTION_ID.toString(), document.id().toString());
            return message;
        });
    }

    /** "0007:5567321707", as customers write participant IDs elsewhere in the gateway. */
    static String plain(String participant) {
        try {
            return ParticipantId.parse(participant).toString();
        } catch (IllegalArgumentException e) {
            return participant;
        }
    }
}
