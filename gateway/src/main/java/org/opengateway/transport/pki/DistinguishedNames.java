package org.opengateway.transport.pki;

import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Reads one attribute (CN, O, ...) of an X.500 name such as a certificate's subject. */
public final class DistinguishedNames {

    private DistinguishedNames() {
    }

    /** The first value of the attribute, or empty when the name has none or cannot be read. */
    public static Optional<String> attribute(String name, String type) {
        try {
            for (Rdn rdn : new LdapName(name).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(type)) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            // not a readable name: no attribute
        }
        return Optional.empty();
    }
}
