package org.opengateway.support;

import java.util.Locale;

/** What can be done about an invoice that was not delivered; each is a call under {@code .../invoices/{id}/}. */
public enum Fix {
    /** Send it to a corrected Peppol address: {@code POST .../recipient}. */
    CORRECT_RECIPIENT("recipient"),
    /** Send it again as it is: {@code POST .../resend}. */
    RESEND("resend"),
    /** Upload a corrected document, which becomes a new invoice in its place: {@code POST .../replacement}. */
    UPLOAD_CORRECTED("replacement"),
    /** Never send it: {@code POST .../cancel}. */
    CANCEL("cancel");

    private final String call;

    Fix(String call) {
        this.call = call;
    }

    /** The path of the call that applies this fix to an invoice of a company. */
    public String path(Object companyId, Object invoiceId) {
        return "/api/v1/companies/" + companyId + "/invoices/" + invoiceId + "/" + call;
    }

    public String textKey() {
        return "fix." + name().toLowerCase(Locale.ROOT);
    }
}
