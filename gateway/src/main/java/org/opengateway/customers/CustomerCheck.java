package org.opengateway.customers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.opengateway.directory.CountrySchemes;
import org.opengateway.directory.PartyAnswer;
import org.opengateway.directory.PartyLookup;
import org.opengateway.document.ParticipantId;
import org.springframework.stereotype.Component;

/** Checks one row of a customer register and looks the customer up in Peppol. */
@Component
public class CustomerCheck {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");

    /** The outcome of one row; for INVALID, {@code reason} names every problem of the row. */
    public record Outcome(CustomerRow row, Reachability reachability, String country, String orgNumber,
            String participant, String reason) {
    }

    private final PartyLookup lookup;

    public CustomerCheck(PartyLookup lookup) {
        this.lookup = lookup;
    }

    public Outcome check(CustomerRow row) {
        List<String> problems = new ArrayList<>();
        if (row.name().isBlank()) {
            problems.add("name is missing");
        }
        CountrySchemes.Result mapped = CountrySchemes.participant(row.country(), row.orgNumber());
        if (mapped.problem() != null) {
            problems.add(stripDot(mapped.problem()));
        }
        if (!row.email().isBlank() && !EMAIL.matcher(row.email()).matches()) {
            problems.add("e-mail '" + row.email() + "' is not an e-mail address");
        }
        String country = row.country().trim().toUpperCase(Locale.ROOT);
        String orgNumber = CountrySchemes.clean(row.orgNumber());
        if (!problems.isEmpty()) {
            return new Outcome(row, Reachability.INVALID, country, orgNumber, null,
                    "Line " + row.line() + ": " + String.join("; ", problems) + ".");
        }
        ParticipantId participant = mapped.participant().orElseThrow();
        PartyAnswer answer = lookup.find(participant);
        if (answer.canReceive()) {
            return new Outcome(row, Reachability.PEPPOL, country, orgNumber, participant.toString(), answer.reason());
        }
        String why = answer.reach() == PartyAnswer.Reach.LOOKUP_FAILED ? answer.reason()
                : "Not registered in Peppol as " + participant + ".";
        if (!row.email().isBlank()) {
            return new Outcome(row, Reachability.EMAIL, country, orgNumber, null, why + " Reachable by e-mail only.");
        }
        return new Outcome(row, Reachability.UNKNOWN, country, orgNumber, null, why + " No e-mail address either: add"
                + " one, or ask the customer how it wants its invoices.");
    }

    private static String stripDot(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
