package org.opengateway.directory;

import com.helger.peppol.smlclient.ManageParticipantIdentifierServiceCaller;
import com.helger.peppol.smlclient.participant.BadRequestFault;
import com.helger.peppol.smlclient.participant.InternalErrorFault;
import com.helger.peppol.smlclient.participant.NotFoundFault;
import com.helger.peppol.smlclient.participant.UnauthorizedFault;
import com.helger.peppolid.IParticipantIdentifier;
import com.helger.peppolid.factory.PeppolIdentifierFactory;
import com.helger.peppolid.peppol.PeppolIdentifierHelper;
import jakarta.xml.ws.WebServiceException;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.opengateway.document.ParticipantId;

/**
 * The SML of the Peppol networks (SMK for the test network, SML for production), called over SOAP with the client
 * of peppol-commons. The SML knows our SMP by its SMP ID and authenticates it by its client certificate: the SMP key.
 */
public class PeppolSml implements SmlRegistration {

    private final URL manageParticipants;
    private final String smpId;
    private final SSLSocketFactory tls;
    private final Duration timeout;

    /**
     * @param manageParticipants the SML's ManageBusinessIdentifierService
     * @param smpId the ID of our SMP at the SML
     * @param smpKeyStore our SMP key (PKCS#12), the TLS client certificate the SML checks
     */
    public PeppolSml(URL manageParticipants, String smpId, KeyStore smpKeyStore, String password, Duration timeout) {
        this.manageParticipants = manageParticipants;
        this.smpId = smpId;
        this.timeout = timeout;
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(smpKeyStore, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            // the server is checked against the JDK's CAs: the SML has a certificate of a public CA
            context.init(keys.getKeyManagers(), null, null);
            this.tls = context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot use the SMP key as TLS client certificate for the SML: "
                    + e.getMessage() + ". Check gateway.smp.keystore and gateway.smp.keystore-password.", e);
        }
    }

    @Override
    public void register(ParticipantId participant) throws SmlException {
        try {
            caller().create(smpId, identifier(participant));
        } catch (BadRequestFault e) {
            // the SML answers a participant that is already there with a bad request; if it is ours, all is well
            if (!String.valueOf(e.getMessage()).toLowerCase().contains("already")) {
                throw refused("register", participant, e);
            }
        } catch (InternalErrorFault | UnauthorizedFault | NotFoundFault | WebServiceException e) {
            throw refused("register", participant, e);
        }
    }

    @Override
    public void remove(ParticipantId participant) throws SmlException {
        try {
            caller().delete(smpId, identifier(participant));
        } catch (NotFoundFault e) {
            // not there: nothing to remove
        } catch (BadRequestFault | InternalErrorFault | UnauthorizedFault | WebServiceException e) {
            throw refused("remove", participant, e);
        }
    }

    @Override
    public String describe() {
        return "the SML at " + manageParticipants + " (SMP ID " + smpId + ")";
    }

    private ManageParticipantIdentifierServiceCaller caller() {
        ManageParticipantIdentifierServiceCaller caller = new ManageParticipantIdentifierServiceCaller(manageParticipants);
        caller.setSSLSocketFactory(tls);
        caller.setConnectionTimeoutMS((int) timeout.toMillis());
        caller.setRequestTimeoutMS((int) timeout.toMillis());
        return caller;
    }

    private static IParticipantIdentifier identifier(ParticipantId participant) {
        return PeppolIdentifierFactory.INSTANCE.createParticipantIdentifier(
                PeppolIdentifierHelper.PARTICIPANT_SCHEME_ISO6523_ACTORID_UPIS, participant.toString());
    }

    private SmlException refused(String action, ParticipantId participant, Exception e) {
        String why = e instanceof UnauthorizedFault
                ? "it does not accept our SMP certificate for the SMP ID " + smpId
                        + " (check gateway.smp.keystore and gateway.directory.sml.smp-id)"
                : e instanceof WebServiceException ? "it could not be reached or answered something unexpected ("
                        + e.getMessage() + "); try again later"
                        : "it answered: " + e.getMessage();
        return new SmlException("Could not " + action + " the participant " + participant + " at " + describe()
                + ": " + why + ".", e);
    }
}
