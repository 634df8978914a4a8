package org.opengateway.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opengateway.receiving.ReceivedFilter;
import org.opengateway.receiving.ReceivedStatus;
import org.opengateway.tracking.Channel;
import org.opengateway.tracking.InvoiceFilter;
import org.opengateway.tracking.InvoiceStatus;
import org.opengateway.tracking.ListCursor;
import org.opengateway.tracking.ListOrder;
import org.opengateway.tracking.PageRequest;

/**
 * The search fields of the invoice lists that people use, as the query string gives them: {@code number} (the start
 * of the invoice number), {@code counterpart} (participant ID or part of the name), {@code from} and {@code to} (dates
 * of receipt, YYYY-MM-DD, both included), {@code status}, {@code channel} (sent invoices only), {@code sort} and
 * {@code dir}, {@code size} (1 to 500); which page: {@code after} or {@code before} a cursor of an earlier answer,
 * {@code last=true}, or {@code page} (from 0); and for an export {@code columns} (comma-separated).
 * Every value is checked here, and a wrong one is refused with the name of its parameter.
 */
public record ListQuery(String number, String counterpart, String from, String to, String status, String channel,
        String sort, String dir, String page, String size, String columns, String after, String before, String last) {

    private static final ListOrder.Column[] SENT_SORTS = ListOrder.Column.values();
    private static final ListOrder.Column[] RECEIVED_SORTS = Arrays.stream(ListOrder.Column.values())
            .filter(column -> column != ListOrder.Column.CHANNEL).toArray(ListOrder.Column[]::new);

    public InvoiceFilter sentFilter() {
        return new InvoiceFilter(oneOf(InvoiceStatus.class, status, "status"), null, null, date(from, "from"),
                date(to, "to"), blankToNull(number), blankToNull(counterpart), oneOf(Channel.class, channel, "channel"));
    }

    public ReceivedFilter receivedFilter() {
        if (channel != null && !channel.isBlank()) {
            throw ApiProblem.badRequest("The parameter 'channel' is for sent invoices only: every received invoice"
                    + " came over Peppol. Leave it out.");
        }
        return new ReceivedFilter(oneOf(ReceivedStatus.class, status, "status"), null, date(from, "from"),
                date(to, "to"), blankToNull(number), blankToNull(counterpart));
    }

    public ListOrder sentOrder() {
        return ListOrder.of(sort, dir, SENT_SORTS);
    }

    public ListOrder receivedOrder() {
        return ListOrder.of(sort, dir, RECEIVED_SORTS);
    }

    /** Which page to read, in this order; at most one of the ways to name a page. */
    public PageRequest pageRequest(ListOrder order) {
        boolean toEnd = yesOrNo(last, "last");
        long named = Stream.of(blankToNull(after), blankToNull(before), toEnd ? "last" : null,
                pageNumber() > 0 ? "page" : null).filter(Objects::nonNull).count();
        if (named > 1) {
            throw ApiProblem.badRequest("The parameters 'after', 'before', 'last' and 'page' each name a page; give"
                    + " only one of them.");
        }
        return new PageRequest(order, pageSize(), pageNumber(), cursor(after, "after", order),
                cursor(before, "before", order), toEnd);
    }

    public int pageNumber() {
        int number = whole(page, "page", 0);
        if (number < 0) {
            throw ApiProblem.badRequest("The parameter 'page' is " + number + "; pages count from 0.");
        }
        return number;
    }

    public int pageSize() {
        int number = whole(size, "size", 50);
        if (number < 1 || number > 500) {
            throw ApiProblem.badRequest("The parameter 'size' is " + number + "; it must be between 1 and 500.");
        }
        return number;
    }

    /** The columns an export asks for, in its order; each must be one of {@code allowed}. */
    public List<String> columnList(List<String> allowed) {
        List<String> asked = columns == null ? List.of() : Arrays.stream(columns.split(",")).map(String::trim)
                .filter(name -> !name.isEmpty()).toList();
        if (asked.isEmpty()) {
            throw ApiProblem.badRequest("The parameter 'columns' is missing: name the columns to export, separated by"
                    + " commas, from " + String.join(", ", allowed) + ".");
        }
        asked.stream().filter(name -> !allowed.contains(name)).findFirst().ifPresent(name -> {
            throw ApiProblem.badRequest("The parameter 'columns' names '" + name + "', which is not a column of this"
                    + " list; the columns are " + String.join(", ", allowed) + ".");
        });
        return asked;
    }

    private static ListCursor cursor(String text, String parameter, ListOrder order) {
        return text == null || text.isBlank() ? null : ListCursor.decode(text, parameter, order.column());
    }

    private static boolean yesOrNo(String text, String parameter) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (text.trim().equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiProblem.badRequest("The parameter '" + parameter + "' is '" + text + "'; it must be true or false.");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static LocalDate date(String text, String parameter) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("The parameter '" + parameter + "' is '" + text + "', which is not a date"
                    + " written YYYY-MM-DD.");
        }
    }

    private static int whole(String text, String parameter, int absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("The parameter '" + parameter + "' is '" + text + "', which is not a whole"
                    + " number.");
        }
    }

    private static <E extends Enum<E>> E oneOf(Class<E> type, String text, String parameter) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String name = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(value -> value.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiProblem.badRequest("The parameter '" + parameter + "' is '" + text + "'; it"
                        + " must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                                .collect(Collectors.joining(", ")) + "."));
    }
}
